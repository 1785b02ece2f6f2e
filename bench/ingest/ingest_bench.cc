// Benchmarks for document ingestion: a 2-page PDF (including the worker process spawn), the
// page cap on a 5000-page PDF, a ~100 KB DOCX and ~100 KB of plain text to text.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>

#include "ingest/ingest.h"
#include "ingest/test_docx.h"
#include "ingest/test_pdf.h"

namespace {

using rc::ingest::Extract;
using rc::ingest::Limits;

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(RC_SOURCE_DIR) + "/tests/fixtures/documents/" + name,
                   std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Resume-like paragraphs with varied words, formatting and a table per section, so that the
// archive compresses like a real document rather than a repeated string.
std::string ResumeBody(int sections) {
  static const char* kWords[] = {
      "designed",  "PostgreSQL", "latency",   "customers",    "Kubernetes", "migrated", "pipeline",
      "reduced",   "mentored",   "quarterly", "Python",       "reporting",  "service",  "on-call",
      "Terraform", "analytics",  "budget",    "stakeholders", "deployed",   "API"};
  std::string body;
  unsigned state = 12345;
  auto word = [&]() {
    state = state * 1103515245u + 12345u;
    return std::string(kWords[(state >> 16) % 20]) + std::to_string((state >> 8) % 97);
  };
  for (int s = 0; s < sections; ++s) {
    body += rc::ingest::testing::Para("SECTION " + std::to_string(s), "<w:b/>");
    for (int p = 0; p < 6; ++p) {
      std::string text;
      for (int w = 0; w < 14; ++w) text += word() + " ";
      body += "<w:p><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>" + text +
              "</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:tab/><w:t>" + word() + "</w:t></w:r></w:p>";
    }
    body += "<w:tbl><w:tr><w:tc>" + rc::ingest::testing::Para(word()) + "</w:tc><w:tc>" +
            rc::ingest::testing::Para(word()) + "</w:tc></w:tr></w:tbl>";
  }
  return body;
}

// A DOCX of at least `target_bytes` on disk: verbose WordprocessingML plus a 40 KB picture,
// like a two-page resume saved by Word with a photo or logo.
std::string DocxOfSize(size_t target_bytes) {
  std::string picture;
  unsigned state = 99;
  for (int i = 0; i < (40 << 10); ++i) {
    state = state * 1103515245u + 12345u;
    picture.push_back(static_cast<char>(state >> 16));
  }
  const rc::ingest::testing::Entries media = {{"word/media/image1.png", picture}};
  int sections = 4;
  std::string docx = rc::ingest::testing::MakeDocx(ResumeBody(sections), media);
  while (docx.size() < target_bytes) {
    sections += std::max(1, static_cast<int>(sections * (static_cast<double>(target_bytes) /
                                                             static_cast<double>(docx.size()) -
                                                         1.0)));
    docx = rc::ingest::testing::MakeDocx(ResumeBody(sections), media);
  }
  return docx;
}

void BM_Pdf2PagesWithWorkerSpawn(benchmark::State& state) {
  const std::string pdf = ReadFixture("resume-2page.pdf");
  Limits limits;
  limits.pdf_worker_path = RC_PDF_WORKER;
  for (auto _ : state) {
    auto doc = Extract(pdf, "application/pdf", "resume.pdf", limits);
    if (!doc.ok() || doc->pages != 2) state.SkipWithError("pdf extraction failed");
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * pdf.size()));
}
BENCHMARK(BM_Pdf2PagesWithWorkerSpawn)->Unit(benchmark::kMillisecond)->UseRealTime();

// The page cap: a 5000-page PDF is refused after the worker reads the page count.
void BM_Pdf5000PagesRejected(benchmark::State& state) {
  const std::string pdf = rc::ingest::testing::MakePdf({{"page"}}, 5000);
  Limits limits;
  limits.pdf_worker_path = RC_PDF_WORKER;
  for (auto _ : state) {
    auto doc = Extract(pdf, "application/pdf", "resume.pdf", limits);
    if (doc.ok()) state.SkipWithError("the page cap did not apply");
    benchmark::DoNotOptimize(doc);
  }
}
BENCHMARK(BM_Pdf5000PagesRejected)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Docx100KB(benchmark::State& state) {
  const std::string docx = DocxOfSize(100 << 10);
  state.counters["file_bytes"] = static_cast<double>(docx.size());
  auto probe = Extract(docx, "", "resume.docx", Limits());
  state.counters["text_bytes"] = probe.ok() ? static_cast<double>(probe->text.size()) : 0;
  for (auto _ : state) {
    auto doc = Extract(docx, "", "resume.docx", Limits());
    if (!doc.ok()) state.SkipWithError(doc.status().ToString().c_str());
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * docx.size()));
}
BENCHMARK(BM_Docx100KB)->Unit(benchmark::kMillisecond);

void BM_Text100KB(benchmark::State& state) {
  std::string text;
  unsigned s = 1;
  while (text.size() < (100u << 10)) {
    s = s * 1103515245u + 12345u;
    text += "Led the migration of service " + std::to_string(s % 1000) + " to Kubernetes; ";
    if (s % 7 == 0) text += "\r\n";
  }
  for (auto _ : state) {
    auto doc = Extract(text, "text/plain", "resume.txt", Limits());
    if (!doc.ok()) state.SkipWithError(doc.status().ToString().c_str());
    benchmark::DoNotOptimize(doc);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Text100KB)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
