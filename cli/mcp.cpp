// `mlsysim mcp`: the Model Context Protocol over stdio — one JSON-RPC message per stdin line, one
// answer per stdout line (lab::handle_mcp does the protocol). Logs go to stderr.
#include "lab/mcp.hpp"

#include <cstdio>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "output.hpp"

namespace mlsysim::cli {

int run_mcp(const GlobalOptions& g) {
  const auto registry = load_registry(g);
  std::fprintf(stderr, "mlsysim mcp: Model Context Protocol %s on stdio\n",
               std::string(lab::kMcpProtocolVersion).c_str());
  std::string line;
  while (std::getline(std::cin, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (auto answer = lab::handle_mcp(line, *registry)) {
      *answer += '\n';
      print(*answer);
      std::fflush(stdout);
    }
  }
  return kExitOk;
}

}  // namespace mlsysim::cli
