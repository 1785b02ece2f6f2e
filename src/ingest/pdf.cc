// Spawns and supervises the PDF worker: fork + exec with resource limits, framed output.
#include "ingest/pdf.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <string>
#include <vector>

#include "ingest/worker_frame.h"

// AddressSanitizer reserves terabytes of address space for its shadow memory, so a sanitized
// worker cannot start under RLIMIT_AS; sanitized builds rely on the CPU and wall-clock limits.
#if defined(__SANITIZE_ADDRESS__)
#define RC_INGEST_NO_ADDRESS_LIMIT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RC_INGEST_NO_ADDRESS_LIMIT 1
#endif
#endif

namespace rc::ingest {
namespace {

// Closes a descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Reset(); }
  int get() const { return fd_; }
  void Reset() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

Status ReaderFailed() {
  return UnprocessableError(
      "could not read this PDF: it may be damaged or built in an unusual way; try exporting it "
      "again from your editor, or upload a Word or text file");
}

Status TooSlow(int seconds) {
  return UnprocessableError("could not read this PDF: reading it took longer than the " +
                            std::to_string(seconds) +
                            "-second limit; try exporting a simpler PDF or upload a Word file");
}

Status TooHungry(size_t bytes) {
  return UnprocessableError("could not read this PDF: it needs more than the " +
                            std::to_string(bytes >> 20) +
                            " MB of memory allowed; try exporting a simpler PDF or upload a "
                            "Word file");
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

void SetLimit(int resource, rlim_t soft, rlim_t hard) {
  struct rlimit rl;
  rl.rlim_cur = soft;
  rl.rlim_max = hard;
  setrlimit(resource, &rl);
}

// Process-wide count of running workers, so a burst of uploads cannot start an unbounded number
// of processes each allowed pdf_memory_bytes.
class WorkerSlots {
 public:
  // Takes a slot, waiting until `deadline`; false when none came free in time.
  bool Acquire(int cap, std::chrono::steady_clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_until(lock, deadline, [&] { return cap <= 0 || running_ < cap; })) {
      return false;
    }
    ++running_;
    return true;
  }
  void Release() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      --running_;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int running_ = 0;
};

WorkerSlots& Slots() {
  static WorkerSlots* slots = new WorkerSlots();
  return *slots;
}

// Releases a slot on scope exit.
class SlotGuard {
 public:
  SlotGuard() = default;
  SlotGuard(const SlotGuard&) = delete;
  SlotGuard& operator=(const SlotGuard&) = delete;
  ~SlotGuard() {
    if (held_) Slots().Release();
  }
  void Hold() { held_ = true; }

 private:
  bool held_ = false;
};

Result<Document> Interpret(const std::vector<Frame>& frames, const Limits& limits) {
  Document doc;
  doc.format = Format::kPdf;
  bool done = false;
  for (const Frame& f : frames) {
    switch (f.tag) {
      case kFramePages:
        doc.pages = std::atoi(f.payload.c_str());
        break;
      case kFrameText:
        if (!doc.text.empty() && !f.payload.empty()) doc.text += "\n\n";
        doc.text += f.payload;
        break;
      case kFrameHidden:
        doc.hidden_text += f.payload;
        doc.hidden_text.push_back('\n');
        break;
      case kFrameWarning: {
        std::vector<std::string> fields = SplitFields(f.payload);
        if (fields.size() != 4) return InternalError("malformed warning from the pdf worker");
        doc.warnings.push_back({fields[0], fields[1], fields[2], fields[3]});
        break;
      }
      case kFrameError: {
        std::vector<std::string> fields = SplitFields(f.payload);
        const std::string& reason = fields[0];
        const std::string detail = fields.size() > 1 ? fields[1] : "";
        if (reason == "encrypted") {
          return UnprocessableError(
              "this PDF is encrypted (password-protected), so its text cannot be read; save "
              "or export a copy without a password and upload that");
        }
        if (reason == "no_text") {
          return UnprocessableError(
              "this PDF has no text layer: it looks like a scanned image or a picture of a "
              "resume, so there is no text to read; upload the original Word or text file, or "
              "a PDF exported from your editor");
        }
        if (reason == "too_many_pages") {
          return UnprocessableError("this PDF has " + detail + " pages; the limit is " +
                                    std::to_string(limits.max_pages) +
                                    " pages, so it cannot be read");
        }
        if (reason == "too_much_text") {
          return UnprocessableError("this PDF holds more than " +
                                    std::to_string(limits.max_text_bytes / 1000) +
                                    " KB of text, more than any resume or job description");
        }
        if (reason == "memory") return TooHungry(limits.pdf_memory_bytes);
        return ReaderFailed();
      }
      case kFrameDone:
        done = true;
        break;
      default:
        return InternalError("unknown record from the pdf worker");
    }
  }
  if (!done) return ReaderFailed();
  return doc;
}

}  // namespace

Result<Document> ExtractPdf(std::string_view bytes, const Limits& limits) {
  if (limits.pdf_worker_path.empty() || access(limits.pdf_worker_path.c_str(), X_OK) != 0) {
    return UnavailableError("reading PDF files is not available on this server right now");
  }
  SlotGuard slot;
  if (!Slots().Acquire(
          limits.max_concurrent_pdf_workers,
          std::chrono::steady_clock::now() + std::chrono::milliseconds(limits.pdf_wall_ms))) {
    return UnavailableError("the server is busy reading other PDF files; try again in a minute");
  }
  slot.Hold();
  Fd input(memfd_create("rc-pdf-input", MFD_CLOEXEC));
  if (input.get() < 0 || !WriteAll(input.get(), bytes) || lseek(input.get(), 0, SEEK_SET) != 0) {
    return InternalError("could not stage the pdf for reading");
  }
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return InternalError("could not start the pdf reader");
  Fd out_read(pipe_fds[0]);
  Fd out_write(pipe_fds[1]);
  Fd devnull(open("/dev/null", O_WRONLY | O_CLOEXEC));

  // Everything the child needs is prepared before fork: after fork in a threaded process only
  // async-signal-safe calls are allowed.
  std::vector<std::string> args = {limits.pdf_worker_path,
                                   "--max-pages",
                                   std::to_string(limits.max_pages),
                                   "--max-text-bytes",
                                   std::to_string(limits.max_text_bytes),
                                   "--max-input-bytes",
                                   std::to_string(limits.max_file_bytes)};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  char* envp[] = {nullptr};
  const rlim_t cpu = static_cast<rlim_t>(std::max(1, limits.pdf_cpu_seconds));
  [[maybe_unused]] const rlim_t memory = static_cast<rlim_t>(limits.pdf_memory_bytes);

  pid_t pid = fork();
  if (pid < 0) return InternalError("could not start the pdf reader");
  if (pid == 0) {
    if (dup2(input.get(), STDIN_FILENO) < 0 || dup2(out_write.get(), STDOUT_FILENO) < 0 ||
        dup2(devnull.get() >= 0 ? devnull.get() : out_write.get(), STDERR_FILENO) < 0) {
      _exit(126);
    }
    close_range(3, ~0U, 0);
#if !defined(RC_INGEST_NO_ADDRESS_LIMIT)
    SetLimit(RLIMIT_AS, memory, memory);
#endif
    SetLimit(RLIMIT_CPU, cpu, cpu + 1);  // SIGXCPU at the soft limit, SIGKILL one second later
    SetLimit(RLIMIT_CORE, 0, 0);
    SetLimit(RLIMIT_FSIZE, 0, 0);
    execve(argv[0], argv.data(), envp);
    _exit(127);
  }
  input.Reset();
  out_write.Reset();
  devnull.Reset();

  // Read everything the worker writes, up to a cap, until EOF or the wall-clock deadline.
  const size_t max_output = limits.max_text_bytes * 3 + (1 << 20);
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(limits.pdf_wall_ms);
  std::string output;
  bool timed_out = false;
  bool overflow = false;
  char buffer[1 << 16];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    struct pollfd p = {out_read.get(), POLLIN, 0};
    int ready = poll(&p, 1, static_cast<int>(left));
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (ready == 0) continue;
    ssize_t n = read(out_read.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      break;
    }
    if (n == 0) break;
    output.append(buffer, static_cast<size_t>(n));
    if (output.size() > max_output) {
      overflow = true;
      break;
    }
  }
  if (timed_out || overflow) kill(pid, SIGKILL);
  out_read.Reset();
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }

  if (timed_out) return TooSlow((limits.pdf_wall_ms + 999) / 1000);
  if (overflow) return ReaderFailed();
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    if (sig == SIGXCPU || sig == SIGKILL) return TooSlow(limits.pdf_cpu_seconds);
    return ReaderFailed();
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 127) {
      return UnavailableError("reading PDF files is not available on this server right now");
    }
    return ReaderFailed();
  }
  RC_ASSIGN_OR_RETURN(std::vector<Frame> frames, ParseFrames(output));
  return Interpret(frames, limits);
}

}  // namespace rc::ingest
