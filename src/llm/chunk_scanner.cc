// A strict JSON scanner specialised for chat.completion.chunk events (see chunk_scanner.h).
#include "llm/chunk_scanner.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <system_error>

namespace rc::llm {
namespace {

// The containers whose members matter; the members of any other container are only checked.
enum class Role : std::uint8_t { kOther, kTop, kChoices, kChoice0, kDelta, kUsage };

// What a value means to the decoder, from its container's role and its member name (or, in the
// choices array, whether it is the first element).
enum class Slot : std::uint8_t {
  kIgnored,
  kChoices,           // top-level "choices"
  kUsage,             // top-level "usage"
  kError,             // top-level "error"
  kChoice0,           // choices[0]
  kDelta,             // choices[0].delta
  kChoiceError,       // choices[0].error
  kFinishReason,      // choices[0].finish_reason
  kContent,           // choices[0].delta.content
  kPromptTokens,      // usage.prompt_tokens
  kCompletionTokens,  // usage.completion_tokens
};

// The member names the decoder looks for.
enum class Name : std::uint8_t {
  kOther,
  kChoices,
  kUsage,
  kError,
  kDelta,
  kFinishReason,
  kContent,
  kPromptTokens,
  kCompletionTokens,
};

// The longest name in Name, in bytes ("completion_tokens").
constexpr std::size_t kLongestName = 17;

Name NameOf(std::string_view key) {
  switch (key.size()) {
    case 5:
      if (key == "delta") return Name::kDelta;
      if (key == "usage") return Name::kUsage;
      if (key == "error") return Name::kError;
      break;
    case 7:
      if (key == "choices") return Name::kChoices;
      if (key == "content") return Name::kContent;
      break;
    case 13:
      if (key == "finish_reason") return Name::kFinishReason;
      if (key == "prompt_tokens") return Name::kPromptTokens;
      break;
    case kLongestName:
      if (key == "completion_tokens") return Name::kCompletionTokens;
      break;
    default:
      break;
  }
  return Name::kOther;
}

Slot MemberSlot(Role role, Name name) {
  switch (role) {
    case Role::kTop:
      if (name == Name::kChoices) return Slot::kChoices;
      if (name == Name::kUsage) return Slot::kUsage;
      if (name == Name::kError) return Slot::kError;
      break;
    case Role::kChoice0:
      if (name == Name::kDelta) return Slot::kDelta;
      if (name == Name::kError) return Slot::kChoiceError;
      if (name == Name::kFinishReason) return Slot::kFinishReason;
      break;
    case Role::kDelta:
      if (name == Name::kContent) return Slot::kContent;
      break;
    case Role::kUsage:
      if (name == Name::kPromptTokens) return Slot::kPromptTokens;
      if (name == Name::kCompletionTokens) return Slot::kCompletionTokens;
      break;
    default:
      break;
  }
  return Slot::kIgnored;
}

unsigned char Byte(char c) { return static_cast<unsigned char>(c); }

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Bytes that stand for themselves inside a string: printable ASCII other than '"' and '\'.
constexpr std::array<bool, 256> kPlainStringByte = [] {
  std::array<bool, 256> plain{};
  for (int b = 0x20; b < 0x80; ++b) plain[static_cast<std::size_t>(b)] = b != '"' && b != '\\';
  return plain;
}();

// The first byte at or after `p` that does not stand for itself in a string (or `end`). Most of
// an event is strings (ids, model names, the content), so this looks at eight bytes at a time.
const char* SkipPlainStringBytes(const char* p, const char* end) {
  if constexpr (std::endian::native == std::endian::little) {
    constexpr std::uint64_t kOnes = 0x0101010101010101;
    constexpr std::uint64_t kHighBits = 0x8080808080808080;
    while (end - p >= 8) {
      std::uint64_t bytes = 0;
      std::memcpy(&bytes, p, sizeof bytes);
      // The high bit of each byte that is '"', '\', below 0x20 or 0x80 and above. Borrows can
      // only mark bytes above one that is rightly marked, so the lowest mark is exact.
      const std::uint64_t quote = bytes ^ (kOnes * '"');
      const std::uint64_t backslash = bytes ^ (kOnes * '\\');
      const std::uint64_t marks = (((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash) |
                                   ((bytes - kOnes * 0x20) & ~bytes) | bytes) &
                                  kHighBits;
      if (marks != 0) return p + std::countr_zero(marks) / 8;
      p += 8;
    }
  }
  while (p != end && kPlainStringByte[Byte(*p)]) ++p;
  return p;
}

// The length of the well-formed UTF-8 sequence (Unicode table 3-7) of two to four bytes at `p`,
// or 0 when there is none.
std::size_t Utf8SequenceLength(const char* p, const char* end) {
  const unsigned char lead = Byte(p[0]);
  auto in = [&](std::ptrdiff_t i, unsigned char lo, unsigned char hi) {
    return end - p > i && Byte(p[i]) >= lo && Byte(p[i]) <= hi;
  };
  if (lead >= 0xC2 && lead <= 0xDF) return in(1, 0x80, 0xBF) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    // No overlong forms (E0 80..9F) and no surrogates (ED A0..BF).
    const unsigned char lo = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = lead == 0xED ? 0x9F : 0xBF;
    return in(1, lo, hi) && in(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    // No overlong forms (F0 80..8F) and nothing above U+10FFFF (F4 90..BF).
    const unsigned char lo = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = lead == 0xF4 ? 0x8F : 0xBF;
    return in(1, lo, hi) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

// Writes the UTF-8 form of `code_point` (at most U+10FFFF, not a surrogate) to `out`; returns
// its length.
std::size_t EncodeUtf8(std::uint32_t code_point, char* out) {
  if (code_point < 0x80) {
    out[0] = static_cast<char>(code_point);
    return 1;
  }
  if (code_point < 0x800) {
    out[0] = static_cast<char>(0xC0 | (code_point >> 6));
    out[1] = static_cast<char>(0x80 | (code_point & 0x3F));
    return 2;
  }
  if (code_point < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (code_point >> 12));
    out[1] = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (code_point & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (code_point >> 18));
  out[1] = static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (code_point & 0x3F));
  return 4;
}

// Whether a number that the JSON library reads as a double is finite: it rejects the ones that
// overflow. The number is [start, end); its integer digits [int_begin, int_end), its fraction
// digits [frac_begin, frac_end) and its exponent (saturated) are given. Only numbers within a
// factor of ten of DBL_MAX need the exact conversion.
bool FiniteAsDouble(const char* start, const char* end, const char* int_begin, const char* int_end,
                    const char* frac_begin, const char* frac_end, std::int64_t exponent) {
  // The value is 0.d1d2... * 10^magnitude with d1 != 0, so it lies in [10^(magnitude - 1),
  // 10^magnitude).
  std::int64_t magnitude = 0;
  if (int_end - int_begin > 1 || *int_begin != '0') {
    magnitude = (int_end - int_begin) + exponent;
  } else {
    const char* first = std::find_if(frac_begin, frac_end, [](char c) { return c != '0'; });
    if (first == frac_end) return true;  // zero
    magnitude = exponent - (first - frac_begin);
  }
  constexpr int kMaxExponent10 = std::numeric_limits<double>::max_exponent10;  // DBL_MAX ~ 1.8e308
  if (magnitude <= kMaxExponent10) return true;
  if (magnitude > kMaxExponent10 + 1) return false;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(start, end, value);
  return ec == std::errc() && ptr == end && std::isfinite(value);
}

// Where a string's decoded bytes go.
struct DiscardSink {
  void Append(const char*, std::size_t) {}
  void Push(char) {}
};

struct StringSink {
  std::string* out;
  void Append(const char* p, std::size_t n) { out->append(p, n); }
  void Push(char c) { out->push_back(c); }
};

// Keeps a member name when it is no longer than the longest name the decoder looks for.
struct NameSink {
  std::array<char, kLongestName> bytes{};
  std::size_t size = 0;
  bool too_long = false;

  void Append(const char* p, std::size_t n) {
    if (n > bytes.size() - size) {
      too_long = true;
      return;
    }
    std::memcpy(bytes.data() + size, p, n);
    size += n;
  }
  void Push(char c) { Append(&c, 1); }
  Name name() const { return too_long ? Name::kOther : NameOf({bytes.data(), size}); }
};

// A recursive-descent reader over one event; the recursion is bounded by kChunkScanMaxDepth.
class Scanner {
 public:
  Scanner(std::string_view data, StreamChunk* chunk)
      : p_(data.data()), end_(data.data() + data.size()), chunk_(chunk) {}

  ChunkScanResult Run() {
    if (p_ != end_ && Byte(*p_) == 0xEF) {  // a byte order mark, which the JSON library skips
      if (end_ - p_ < 3 || Byte(p_[1]) != 0xBB || Byte(p_[2]) != 0xBF) {
        return ChunkScanResult::kMalformed;
      }
      p_ += 3;
    }
    SkipWhitespace();
    if (p_ == end_ || *p_ != '{') return ChunkScanResult::kMalformed;
    ++p_;
    if (!Object(Role::kTop, 1)) return result_;
    SkipWhitespace();
    // The JSON library reads a NUL byte outside strings as the end of its input.
    if (p_ != end_ && *p_ != '\0') return ChunkScanResult::kMalformed;
    return ChunkScanResult::kChunk;
  }

 private:
  // The kinds of scalar that the decoder tells apart.
  enum class Kind { kNull, kCount, kOther };

  bool Stop(ChunkScanResult result) {
    result_ = result;
    return false;
  }
  bool Malformed() { return Stop(ChunkScanResult::kMalformed); }

  void SkipWhitespace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  // Reads an object whose '{' was just read, at nesting `depth`. Returns false to stop.
  bool Object(Role role, int depth) {
    SkipWhitespace();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
      return true;
    }
    for (;;) {
      if (p_ == end_ || *p_ != '"') return Malformed();
      ++p_;
      Slot slot = Slot::kIgnored;
      if (role == Role::kOther) {
        DiscardSink discard;
        if (!String(discard)) return false;
      } else {
        Name name = Name::kOther;
        if (!MemberName(&name)) return false;
        slot = MemberSlot(role, name);
      }
      SkipWhitespace();
      if (p_ == end_ || *p_ != ':') return Malformed();
      ++p_;
      SkipWhitespace();
      if (!Value(slot, depth)) return false;
      SkipWhitespace();
      if (p_ == end_) return Malformed();
      if (*p_ == '}') {
        ++p_;
        return true;
      }
      if (*p_ != ',') return Malformed();
      ++p_;
      SkipWhitespace();
    }
  }

  // Reads a member name whose opening quote was just read. Returns false to stop.
  bool MemberName(Name* name) {
    const char* const start = p_;
    p_ = SkipPlainStringBytes(p_, end_);
    if (p_ != end_ && *p_ == '"') {
      // Nothing to unescape or check: compare in place (a copy would be read back before the
      // store completes).
      *name = NameOf({start, static_cast<std::size_t>(p_ - start)});
      ++p_;
      return true;
    }
    p_ = start;
    NameSink sink;
    if (!String(sink)) return false;
    *name = sink.name();
    return true;
  }

  // Reads an array whose '[' was just read, at nesting `depth`. Returns false to stop.
  bool Array(Role role, int depth) {
    SkipWhitespace();
    if (p_ != end_ && *p_ == ']') {
      ++p_;
      return true;
    }
    for (bool first = true;; first = false) {
      if (!Value(first && role == Role::kChoices ? Slot::kChoice0 : Slot::kIgnored, depth)) {
        return false;
      }
      SkipWhitespace();
      if (p_ == end_) return Malformed();
      if (*p_ == ']') {
        ++p_;
        return true;
      }
      if (*p_ != ',') return Malformed();
      ++p_;
      SkipWhitespace();
    }
  }

  // Reads one value in a container at nesting `depth`. Returns false to stop.
  bool Value(Slot slot, int depth) {
    if (p_ == end_) return Malformed();
    switch (*p_) {
      case '{': {
        ++p_;
        Role role = Role::kOther;
        switch (slot) {
          case Slot::kError:
          case Slot::kChoiceError:
            return Stop(ChunkScanResult::kNeedsDocument);
          case Slot::kUsage:
            chunk_->usage = Usage{0, 0, false};
            role = Role::kUsage;
            break;
          case Slot::kChoice0:
            role = Role::kChoice0;
            break;
          case Slot::kDelta:
            role = Role::kDelta;
            break;
          default:
            break;
        }
        if (depth >= kChunkScanMaxDepth) return Stop(ChunkScanResult::kTooDeep);
        return Object(role, depth + 1);
      }
      case '[':
        ++p_;
        if (slot == Slot::kError || slot == Slot::kChoiceError) {
          return Stop(ChunkScanResult::kNeedsDocument);
        }
        if (depth >= kChunkScanMaxDepth) return Stop(ChunkScanResult::kTooDeep);
        return Array(slot == Slot::kChoices ? Role::kChoices : Role::kOther, depth + 1);
      case '"':
        ++p_;
        return StringValue(slot);
      case 't':
        return Literal("true") && Scalar(slot, Kind::kOther, 0);
      case 'f':
        return Literal("false") && Scalar(slot, Kind::kOther, 0);
      case 'n':
        return Literal("null") && Scalar(slot, Kind::kNull, 0);
      default: {
        Kind kind = Kind::kOther;
        std::int64_t count = 0;
        return Number(&kind, &count) && Scalar(slot, kind, count);
      }
    }
  }

  // Reads a string value whose opening quote was just read. Returns false to stop.
  bool StringValue(Slot slot) {
    if (slot == Slot::kContent) {
      chunk_->content.clear();
      StringSink sink{&chunk_->content};
      return String(sink);
    }
    if (slot == Slot::kFinishReason) {
      chunk_->finish_reason.clear();
      StringSink sink{&chunk_->finish_reason};
      if (!String(sink)) return false;
      return chunk_->finish_reason != "error" || Stop(ChunkScanResult::kNeedsDocument);
    }
    DiscardSink discard;
    return String(discard) && Scalar(slot, Kind::kOther, 0);
  }

  // Applies a scalar value read at `slot` (other than a string for content or finish_reason).
  bool Scalar(Slot slot, Kind kind, std::int64_t count) {
    switch (slot) {
      case Slot::kUsage:
        chunk_->usage.reset();
        return true;
      case Slot::kError:
        return kind == Kind::kNull || Stop(ChunkScanResult::kNeedsDocument);
      case Slot::kContent:
        chunk_->content.clear();
        return true;
      case Slot::kFinishReason:
        chunk_->finish_reason.clear();
        return true;
      case Slot::kPromptTokens:
        if (chunk_->usage) chunk_->usage->prompt_tokens = kind == Kind::kCount ? count : 0;
        return true;
      case Slot::kCompletionTokens:
        if (chunk_->usage) chunk_->usage->completion_tokens = kind == Kind::kCount ? count : 0;
        return true;
      default:
        return true;
    }
  }

  bool Literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() ||
        std::memcmp(p_, word.data(), word.size()) != 0) {
      return Malformed();
    }
    p_ += word.size();
    return true;
  }

  // Reads a number. Like the JSON library, an integer that fits 64 bits (signed when negative,
  // unsigned otherwise) is an integer (`kind` kCount, `count` clamped to [0, INT64_MAX]); any
  // other number is a double, and an error when it overflows.
  bool Number(Kind* kind, std::int64_t* count) {
    const char* const start = p_;
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    const char* const int_begin = p_;
    if (p_ == end_ || !IsDigit(*p_)) return Malformed();
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ != end_ && IsDigit(*p_)) ++p_;
    }
    const char* const int_end = p_;
    const char* frac_begin = p_;
    const char* frac_end = p_;
    bool integer = true;
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      frac_begin = p_;
      if (p_ == end_ || !IsDigit(*p_)) return Malformed();
      while (p_ != end_ && IsDigit(*p_)) ++p_;
      frac_end = p_;
      integer = false;
    }
    std::int64_t exponent = 0;
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      bool exponent_negative = false;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) {
        exponent_negative = *p_ == '-';
        ++p_;
      }
      if (p_ == end_ || !IsDigit(*p_)) return Malformed();
      constexpr std::int64_t kSaturated = std::int64_t{1} << 40;  // far beyond any double
      while (p_ != end_ && IsDigit(*p_)) {
        if (exponent < kSaturated) exponent = exponent * 10 + (*p_ - '0');
        ++p_;
      }
      if (exponent_negative) exponent = -exponent;
      integer = false;
    }
    if (integer) {
      std::uint64_t magnitude = 0;
      const auto [ptr, ec] = std::from_chars(int_begin, int_end, magnitude);
      constexpr auto kMaxSigned =
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
      if (ec == std::errc() && ptr == int_end && (!negative || magnitude <= kMaxSigned + 1)) {
        *kind = Kind::kCount;
        *count = negative ? 0 : static_cast<std::int64_t>(std::min(magnitude, kMaxSigned));
        return true;
      }
    }
    if (!FiniteAsDouble(start, p_, int_begin, int_end, frac_begin, frac_end, exponent)) {
      return Malformed();
    }
    *kind = Kind::kOther;
    return true;
  }

  // Reads a string whose opening quote was just read, giving its decoded bytes to `sink`.
  template <typename Sink>
  bool String(Sink& sink) {
    const char* run = p_;  // bytes not yet given to the sink
    for (;;) {
      p_ = SkipPlainStringBytes(p_, end_);
      if (p_ == end_) return Malformed();
      const unsigned char c = Byte(*p_);
      if (c == '"') {
        sink.Append(run, static_cast<std::size_t>(p_ - run));
        ++p_;
        return true;
      }
      if (c == '\\') {
        sink.Append(run, static_cast<std::size_t>(p_ - run));
        ++p_;
        if (!Escape(sink)) return false;
        run = p_;
      } else if (c < 0x20) {
        return Malformed();
      } else {
        const std::size_t length = Utf8SequenceLength(p_, end_);
        if (length == 0) return Malformed();
        p_ += length;
      }
    }
  }

  // Reads the escape after a backslash, including a \uXXXX surrogate pair as one code point.
  template <typename Sink>
  bool Escape(Sink& sink) {
    if (p_ == end_) return Malformed();
    const char c = *p_++;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        sink.Push(c);
        return true;
      case 'b':
        sink.Push('\b');
        return true;
      case 'f':
        sink.Push('\f');
        return true;
      case 'n':
        sink.Push('\n');
        return true;
      case 'r':
        sink.Push('\r');
        return true;
      case 't':
        sink.Push('\t');
        return true;
      case 'u':
        break;
      default:
        return Malformed();
    }
    std::int32_t code_point = Hex4();
    if (code_point < 0) return Malformed();
    if (code_point >= 0xD800 && code_point <= 0xDBFF) {
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return Malformed();
      p_ += 2;
      const std::int32_t low = Hex4();
      if (low < 0xDC00 || low > 0xDFFF) return Malformed();
      code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
    } else if (code_point >= 0xDC00 && code_point <= 0xDFFF) {
      return Malformed();
    }
    char utf8[4];
    sink.Append(utf8, EncodeUtf8(static_cast<std::uint32_t>(code_point), utf8));
    return true;
  }

  // Reads four hex digits; -1 when they are not.
  std::int32_t Hex4() {
    if (end_ - p_ < 4) return -1;
    std::int32_t value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      std::int32_t digit = 0;
      if (c >= '0' && c <= '9') {
        digit = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        digit = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        digit = c - 'A' + 10;
      } else {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }

  const char* p_;
  const char* const end_;
  StreamChunk* const chunk_;
  ChunkScanResult result_ = ChunkScanResult::kMalformed;
};

}  // namespace

ChunkScanResult ScanStreamChunk(std::string_view data, StreamChunk* chunk) {
  return Scanner(data, chunk).Run();
}

}  // namespace rc::llm
