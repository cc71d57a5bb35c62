// Internal: the lab's page (src/lab/assets: index.html, app.js, app.css), compiled into the
// library by cmake/embed_files.cmake.
#pragma once

#include <string>
#include <vector>

namespace mlsysim::lab {

struct Asset {
  std::string path;  ///< the URL path: "/index.html", "/app.js", ...
  std::string text;
};

/// Every file of src/lab/assets, in name order.
[[nodiscard]] const std::vector<Asset>& assets();

}  // namespace mlsysim::lab
