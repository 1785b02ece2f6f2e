// End-to-end test support: starts the real resume-coach binary and speaks HTTP/1.1 to it over
// blocking sockets.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace rc::e2e {

// Path of the built binary.
std::string BinaryPath();

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// One `resume-coach serve` process on an ephemeral port.
class ServerProcess {
 public:
  // Starts `resume-coach serve --port 0 --data-dir DATA_DIR <extra>` with `env` added to the
  // environment, and waits for its "listening on" line. Fails the current test when it does not
  // start.
  ServerProcess(const std::filesystem::path& data_dir, std::vector<std::string> extra_args = {},
                std::vector<std::pair<std::string, std::string>> env = {});
  ~ServerProcess();  // SIGKILL if still running

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  bool started() const { return port_ > 0; }
  void Signal(int sig);
  // Waits for exit; returns the exit code, or 128+signal when killed by one.
  int Wait();
  // Everything the server wrote to stderr so far (the access log).
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::filesystem::path log_path_;
  TempDir log_dir_;
};

struct HttpResult {
  int status = 0;                              // 0: no response (connection failed or closed first)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string Header(const std::string& name) const;
};

// Sends one request with "Connection: close" and reads the whole response.
HttpResult Request(int port, const std::string& method, const std::string& target,
                   const std::string& body = "",
                   const std::vector<std::pair<std::string, std::string>>& headers = {});

// POST with Content-Type: application/json.
HttpResult PostJson(int port, const std::string& target, const std::string& json);

// A raw TCP connection for tests that misbehave on purpose.
class RawConnection {
 public:
  explicit RawConnection(int port);
  ~RawConnection();
  bool connected() const { return fd_ >= 0; }
  // False when the peer has closed or reset the connection.
  bool Send(const std::string& bytes);
  // Whatever arrives within `max_ms` (possibly nothing).
  std::string ReadSome(int max_ms);
  // Reads until the peer closes (or `max_seconds` pass); returns what arrived.
  std::string ReadAll(int max_seconds = 30);
  // True once the peer has closed the connection (a read returns 0 or an error), waiting up to
  // `max_ms`.
  bool PeerClosed(int max_ms);

 private:
  int fd_ = -1;
};

// Parses a raw response ("HTTP/1.1 200 OK\r\n...").
HttpResult ParseResponse(const std::string& raw);

// Writes `text` to `path`.
void WriteFile(const std::filesystem::path& path, const std::string& text);

}  // namespace rc::e2e

namespace rc::e2e {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

// Runs `resume-coach <args>` to completion with `env` added to the environment.
CommandResult RunCommand(const std::vector<std::string>& args,
                         const std::vector<std::pair<std::string, std::string>>& env = {});

}  // namespace rc::e2e
