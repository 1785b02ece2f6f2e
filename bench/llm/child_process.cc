// ChildProcess and /proc readers.
#include "bench/llm/child_process.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <utility>

extern char** environ;

namespace rc::bench {
namespace {

double TicksToSeconds(unsigned long long ticks) {
  static const long kTicksPerSecond = sysconf(_SC_CLK_TCK);
  return static_cast<double>(ticks) / static_cast<double>(kTicksPerSecond);
}

// utime + stime from a /proc/.../stat line. The command name (field 2) may hold spaces and
// parentheses, so fields are counted from its closing parenthesis.
bool ParseStatCpu(const std::string& stat, double& seconds) {
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return false;
  std::istringstream fields(stat.substr(close + 2));
  std::string skip;
  // Fields 3..13 (state .. cmajflt), then utime (14) and stime (15).
  for (int i = 3; i <= 13; ++i) fields >> skip;
  unsigned long long utime = 0;
  unsigned long long stime = 0;
  if (!(fields >> utime >> stime)) return false;
  seconds = TicksToSeconds(utime + stime);
  return true;
}

std::string ReadWhole(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<ProcSample> ReadProc(pid_t pid) {
  const std::string dir = "/proc/" + std::to_string(pid);
  ProcSample sample;
  if (!ParseStatCpu(ReadWhole(dir + "/stat"), sample.cpu_seconds)) {
    return NotFoundError("no /proc stat for pid " + std::to_string(pid));
  }
  std::istringstream status(ReadWhole(dir + "/status"));
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("Threads:", 0) == 0) sample.threads = std::atoi(line.c_str() + 8);
    if (line.rfind("VmRSS:", 0) == 0) sample.rss_kib = std::atol(line.c_str() + 6);
  }
  if (DIR* d = opendir((dir + "/task").c_str()); d != nullptr) {
    while (const dirent* entry = readdir(d)) {
      if (entry->d_name[0] == '.') continue;
      // schedstat: nanoseconds on a CPU, nanoseconds waiting on a run queue, time slices.
      std::istringstream in(ReadWhole(dir + "/task/" + entry->d_name + "/schedstat"));
      unsigned long long on_cpu = 0;
      unsigned long long waiting = 0;
      if (in >> on_cpu >> waiting) sample.run_delay_seconds += static_cast<double>(waiting) / 1e9;
    }
    closedir(d);
  }
  return sample;
}

std::map<pid_t, double> ReadThreadCpu(pid_t pid) {
  std::map<pid_t, double> out;
  const std::string dir = "/proc/" + std::to_string(pid) + "/task";
  DIR* d = opendir(dir.c_str());
  if (d == nullptr) return out;
  while (const dirent* entry = readdir(d)) {
    if (entry->d_name[0] == '.') continue;
    double seconds = 0;
    if (ParseStatCpu(ReadWhole(dir + "/" + entry->d_name + "/stat"), seconds)) {
      out[static_cast<pid_t>(std::atoi(entry->d_name))] = seconds;
    }
  }
  closedir(d);
  return out;
}

Result<std::unique_ptr<ChildProcess>> ChildProcess::Start(
    const std::vector<std::string>& argv, const std::vector<std::string>& drop_prefixes,
    const std::vector<std::pair<std::string, std::string>>& env, const std::string& stderr_path) {
  std::vector<std::string> envs;
  for (char** e = environ; *e != nullptr; ++e) {
    bool drop = false;
    for (const std::string& prefix : drop_prefixes) {
      drop = drop || std::strncmp(*e, prefix.c_str(), prefix.size()) == 0;
    }
    if (!drop) envs.emplace_back(*e);
  }
  for (const auto& [name, value] : env) envs.push_back(name + "=" + value);
  std::vector<std::string> args = argv;
  std::vector<char*> arg_ptrs;
  std::vector<char*> env_ptrs;
  for (std::string& a : args) arg_ptrs.push_back(a.data());
  arg_ptrs.push_back(nullptr);
  for (std::string& e : envs) env_ptrs.push_back(e.data());
  env_ptrs.push_back(nullptr);

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return UnavailableError("pipe failed");
  const int err_fd = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (err_fd < 0) {
    close(out[0]);
    close(out[1]);
    return UnavailableError("cannot open " + stderr_path);
  }
  const pid_t pid = fork();
  if (pid == 0) {
    // A benchmark that dies must not leave its server behind.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    dup2(out[1], STDOUT_FILENO);
    dup2(err_fd, STDERR_FILENO);
    execve(arg_ptrs[0], arg_ptrs.data(), env_ptrs.data());
    _exit(127);
  }
  close(out[1]);
  close(err_fd);
  if (pid < 0) {
    close(out[0]);
    return UnavailableError("fork failed");
  }
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid, out[0]));
}

ChildProcess::~ChildProcess() {
  Stop(SIGTERM);
  close(stdout_fd_);
}

void ChildProcess::Stop(int signal) {
  if (pid_ <= 0) return;
  const pid_t pid = std::exchange(pid_, -1);
  kill(pid, signal);
  for (int i = 0; i < 500; ++i) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return;
    usleep(10'000);
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
}

Result<std::string> ChildProcess::ReadLine(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (const std::size_t nl = pending_.find('\n'); nl != std::string::npos) {
      std::string line = pending_.substr(0, nl);
      pending_.erase(0, nl + 1);
      return line;
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return DeadlineExceededError("no line on the child's stdout");
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) continue;
    char buf[512];
    const ssize_t n = read(stdout_fd_, buf, sizeof buf);
    if (n <= 0) return UnavailableError("the child closed its stdout");
    pending_.append(buf, static_cast<std::size_t>(n));
  }
}

}  // namespace rc::bench
