// `mlsysim lab [--port N] [--host H]`: serves the lab's page and its JSON API (lab::handle_api)
// with cpp-httplib. Binds to loopback unless --host says otherwise; stops on SIGINT / SIGTERM.
#include <fmt/format.h>
#include <httplib.h>
#include <pthread.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <thread>

#include "commands.hpp"
#include "lab/api.hpp"
#include "mlsysim/core/error.hpp"
#include "output.hpp"

namespace mlsysim::cli {
namespace {

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.starts_with("127.");
}

/// The error code of a status httplib answers by itself (before any handler runs).
std::string_view code_of(int status) {
  switch (status) {
    case 404:
      return "http.not_found";
    case 405:
      return "http.method_not_allowed";
    case 413:
      return "http.too_large";
    case 414:
      return "http.uri_too_long";
    default:
      return "http.bad_request";
  }
}

}  // namespace

int run_lab(const GlobalOptions& g, const LabOptions& o) {
  if (o.port < 0 || o.port > 65535) {
    throw InputError::out_of_range("port", "between 0 and 65535", std::to_string(o.port));
  }
  const auto registry = load_registry(g);

  // Block the stop signals in every thread; the main thread waits for them with sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server server;
  server.set_payload_max_length(lab::kMaxBody);
  server.set_tcp_nodelay(true);            // small answers leave at once, not after a delayed ACK
  server.set_keep_alive_max_count(10000);  // the page's connections stay open between levers
  // SO_REUSEADDR only: httplib's default also sets SO_REUSEPORT, with which a second lab on the
  // same port would silently share it instead of failing.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  const auto handler = [&registry](const httplib::Request& req, httplib::Response& res) {
    lab::ApiResponse r = lab::handle_api(req.method, req.path, req.body, *registry);
    res.status = r.status;
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_content(std::move(r.body), r.content_type.c_str());
  };
  const char* any = ".*";
  server.Get(any, handler);
  server.Post(any, handler);
  server.Put(any, handler);
  server.Patch(any, handler);
  server.Delete(any, handler);
  server.Options(any, handler);
  // Errors httplib answers itself (a body over the limit, a malformed request line) carry the
  // same error object as the API's.
  server.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        res.set_content(
            lab::error_json(code_of(res.status), "",
                            fmt::format("HTTP {} for {} {}", res.status, req.method, req.path)) +
                "\n",
            "application/json");
        return httplib::Server::HandlerResponse::Handled;
      }));

  if (!is_loopback(o.host)) {
    std::fprintf(stderr,
                 "warning: serving on %s: anyone who can reach this address can use the lab "
                 "(there is no authentication)\n",
                 o.host.c_str());
  }
  int port = o.port;
  if (port == 0) {
    port = server.bind_to_any_port(o.host);
  } else if (!server.bind_to_port(o.host, port)) {
    port = -1;
  }
  if (port <= 0) {
    throw InputError("input.invalid", "port",
                     fmt::format("port: cannot listen on {}:{} (in use, or not an address of "
                                 "this machine)",
                                 o.host, o.port));
  }

  std::atomic<bool> finished{false};
  std::thread listener([&server, &finished] {
    server.listen_after_bind();
    finished = true;
  });
  // stop() only ends a server that is running: a signal that comes sooner waits for it.
  while (!server.is_running() && !finished) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  if (finished) {
    listener.join();
    throw InputError("input.invalid", "port",
                     fmt::format("port: the server on {}:{} stopped at once", o.host, port));
  }
  const std::string shown = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  std::fprintf(stderr, "mlsysim lab: http://%s:%d/\n", shown.c_str(), port);
  std::fflush(stderr);

  int sig = 0;
  sigwait(&stop_signals, &sig);
  std::fprintf(stderr, "mlsysim lab: stopping (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
  server.stop();
  listener.join();
  return kExitOk;
}

}  // namespace mlsysim::cli
