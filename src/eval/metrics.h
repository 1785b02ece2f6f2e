// Span metrics on token ranges: loose (any shared token) and strict (equal boundaries).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rc::eval {

// A span of tokens [first, last) with a category ("skill", "knowledge", "Skill", ...).
struct TokenSpan {
  int first = 0;
  int last = 0;
  std::string category;
};

// Counts accumulated over sentences.
struct Counts {
  long gold = 0;
  long pred = 0;
  long loose_correct = 0;   // predicted spans sharing a token with some gold span
  long loose_found = 0;     // gold spans sharing a token with some predicted span
  long strict_correct = 0;  // predicted spans equal to some gold span
  long strict_found = 0;    // gold spans equal to some predicted span
};

// Adds one sentence's gold and predicted spans to `counts`.
void Accumulate(const std::vector<TokenSpan>& gold, const std::vector<TokenSpan>& pred,
                Counts* counts);

// Gold spans found (loose) among `gold` spans of `category` only.
long LooseFound(const std::vector<TokenSpan>& gold, const std::vector<TokenSpan>& pred,
                const std::string& category, long* total);

// P, R and F1 from counts; 0 when a denominator is 0.
double Ratio(long num, long den);
double F1(double p, double r);

// Spans from BIO tags: "B"/"B-x" starts a span, "I"/"I-x" continues one of the same category
// (an "I" after "O" or after another category starts one). `layer` names the category when the
// tags carry none.
std::vector<TokenSpan> SpansFromBio(const std::vector<std::string>& tags, const std::string& layer);

}  // namespace rc::eval
