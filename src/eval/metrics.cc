// Span metrics.
#include "eval/metrics.h"

namespace rc::eval {
namespace {

bool Overlaps(const TokenSpan& a, const TokenSpan& b) {
  return a.first < b.last && b.first < a.last;
}

bool Same(const TokenSpan& a, const TokenSpan& b) { return a.first == b.first && a.last == b.last; }

}  // namespace

void Accumulate(const std::vector<TokenSpan>& gold, const std::vector<TokenSpan>& pred,
                Counts* counts) {
  counts->gold += static_cast<long>(gold.size());
  counts->pred += static_cast<long>(pred.size());
  for (const TokenSpan& p : pred) {
    bool loose = false;
    bool strict = false;
    for (const TokenSpan& g : gold) {
      loose = loose || Overlaps(p, g);
      strict = strict || Same(p, g);
    }
    counts->loose_correct += loose ? 1 : 0;
    counts->strict_correct += strict ? 1 : 0;
  }
  for (const TokenSpan& g : gold) {
    bool loose = false;
    bool strict = false;
    for (const TokenSpan& p : pred) {
      loose = loose || Overlaps(p, g);
      strict = strict || Same(p, g);
    }
    counts->loose_found += loose ? 1 : 0;
    counts->strict_found += strict ? 1 : 0;
  }
}

long LooseFound(const std::vector<TokenSpan>& gold, const std::vector<TokenSpan>& pred,
                const std::string& category, long* total) {
  long found = 0;
  for (const TokenSpan& g : gold) {
    if (g.category != category) continue;
    ++*total;
    for (const TokenSpan& p : pred) {
      if (Overlaps(p, g)) {
        ++found;
        break;
      }
    }
  }
  return found;
}

double Ratio(long num, long den) {
  return den == 0 ? 0.0 : static_cast<double>(num) / static_cast<double>(den);
}

double F1(double p, double r) { return p + r == 0.0 ? 0.0 : 2.0 * p * r / (p + r); }

std::vector<TokenSpan> SpansFromBio(const std::vector<std::string>& tags,
                                    const std::string& layer) {
  std::vector<TokenSpan> out;
  bool open = false;
  for (int i = 0; i < static_cast<int>(tags.size()); ++i) {
    const std::string& tag = tags[i];
    const char head = tag.empty() ? 'O' : tag[0];
    const std::string category = tag.size() > 2 && tag[1] == '-' ? tag.substr(2) : layer;
    if (head == 'B' || (head == 'I' && (!open || out.back().category != category))) {
      out.push_back({i, i + 1, category});
      open = true;
    } else if (head == 'I') {
      out.back().last = i + 1;
    } else {
      open = false;
    }
  }
  return out;
}

}  // namespace rc::eval
