// FakeLlmProcess: starts tests/fake_llm/fake_llm.py on an ephemeral loopback port for a test or
// benchmark, reads its stats over HTTP, and stops it. Header-only, POSIX.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace rc::testing {

// One running fake server. Not copyable; stops the process on destruction.
class FakeLlmProcess {
 public:
  // Starts `/usr/bin/python3 <script> --port 0 [extra args]` and waits for the port line.
  // Throws std::runtime_error when the process cannot start (tests only).
  explicit FakeLlmProcess(const std::string& script, std::vector<std::string> extra_args = {}) {
    int out[2];
    int in[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe failed");
    if (pipe(in) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    // The child's stdin is a pipe only this process holds: when it exits for any reason, the
    // fake sees end of file and exits too (--exit-with-parent), so no server is left behind.
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    std::vector<std::string> args = {"/usr/bin/python3", script, "--port", "0",
                                     "--exit-with-parent"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out[1]);
    close(in[0]);
    stdin_fd_ = in[1];
    fcntl(stdin_fd_, F_SETFD, FD_CLOEXEC);
    if (rc != 0) {
      close(out[0]);
      throw std::runtime_error("cannot start the fake llm server");
    }
    std::string line;
    char c = 0;
    while (read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
    close(out[0]);
    port_ = line.empty() ? 0 : std::stoi(line);
    if (port_ <= 0) {
      Stop();
      throw std::runtime_error("the fake llm server printed no port");
    }
  }
  ~FakeLlmProcess() { Stop(); }
  FakeLlmProcess(const FakeLlmProcess&) = delete;
  FakeLlmProcess& operator=(const FakeLlmProcess&) = delete;

  int port() const { return port_; }

  // The body of GET `path` from the fake (e.g. "/_stats?id=x"), or "" on failure.
  std::string Get(const std::string& path) const {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return "";
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string response;
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
      const std::string req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
      if (write(fd, req.data(), req.size()) == static_cast<ssize_t>(req.size())) {
        char buf[4096];
        ssize_t n;
        while ((n = read(fd, buf, sizeof buf)) > 0) response.append(buf, static_cast<size_t>(n));
      }
    }
    close(fd);
    const auto body = response.find("\r\n\r\n");
    return body == std::string::npos ? "" : response.substr(body + 4);
  }

 private:
  void Stop() {
    if (stdin_fd_ >= 0) {
      close(stdin_fd_);
      stdin_fd_ = -1;
    }
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }

  pid_t pid_ = -1;
  int port_ = 0;
  int stdin_fd_ = -1;
};

}  // namespace rc::testing
