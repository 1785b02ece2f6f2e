// Child processes for the relay benchmark (the real server and the fake upstream), and what
// /proc says about a process while it runs: CPU time, threads, resident memory.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"

namespace rc::bench {

// A snapshot of /proc/<pid>/stat and /proc/<pid>/status.
struct ProcSample {
  double cpu_seconds = 0;  // user + system time of all the process's threads
  int threads = 0;
  long rss_kib = 0;
  // Time its threads spent runnable but waiting for a CPU (schedstat), the sign of a machine
  // short of cores rather than of a slow process. Threads that have exited are not counted.
  double run_delay_seconds = 0;
};

// The process's snapshot; NotFound when it has exited or /proc cannot be read.
Result<ProcSample> ReadProc(pid_t pid);

// User + system seconds of each thread of `pid`, by thread id (empty when unreadable).
std::map<pid_t, double> ReadThreadCpu(pid_t pid);

// One running child. Killed (SIGKILL) when this process dies, and stopped on destruction.
// Not thread-safe.
class ChildProcess {
 public:
  // Starts `argv` (argv[0] is the executable path) with this process's environment, minus every
  // variable whose name starts with one of `drop_prefixes`, plus `env`. Its stdout is a pipe
  // read by ReadLine; its stderr goes to the file `stderr_path`. Unavailable when it cannot be
  // started.
  static Result<std::unique_ptr<ChildProcess>> Start(
      const std::vector<std::string>& argv, const std::vector<std::string>& drop_prefixes,
      const std::vector<std::pair<std::string, std::string>>& env, const std::string& stderr_path);

  // Stop(SIGTERM) unless already stopped.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // The next line the child writes on stdout, without its newline. DeadlineExceeded when none
  // arrives within `timeout`, Unavailable when stdout closes first.
  Result<std::string> ReadLine(std::chrono::milliseconds timeout);

  // Sends `signal`, waits up to 5 s for the exit, then SIGKILL. Idempotent.
  void Stop(int signal);

  pid_t pid() const { return pid_; }

 private:
  ChildProcess(pid_t pid, int stdout_fd) : pid_(pid), stdout_fd_(stdout_fd) {}

  pid_t pid_;
  int stdout_fd_;
  std::string pending_;  // stdout bytes after the last line returned
};

}  // namespace rc::bench
