// ZipArchive: in-memory ZIP reading with libzip, checked before inflating.
#include "ingest/zip_archive.h"

#include <sys/stat.h>
#include <zip.h>

namespace rc::ingest {

Status DamagedDocx() {
  return UnprocessableError("this Word file is damaged and cannot be opened");
}

Status DocxTooBig(size_t limit) {
  return UnprocessableError("this Word file expands to more than " + std::to_string(limit >> 20) +
                            " MB of data, so it cannot be read safely; save it again from your "
                            "editor or upload a PDF");
}

ZipArchive::~ZipArchive() {
  if (zip_ != nullptr) zip_discard(zip_);
}

Result<std::unique_ptr<ZipArchive>> ZipArchive::Open(std::string_view bytes, const Limits& limits) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) return DamagedDocx();
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  zip_error_fini(&error);
  if (zip == nullptr) {
    zip_source_free(source);
    return DamagedDocx();
  }
  auto archive = std::unique_ptr<ZipArchive>(new ZipArchive(zip, limits));
  RC_RETURN_IF_ERROR(archive->CheckDirectory());
  return archive;
}

Result<std::optional<std::string>> ZipArchive::Read(const std::string& name) {
  zip_int64_t index = zip_name_locate(zip_, name.c_str(), 0);
  if (index < 0) return std::optional<std::string>();
  zip_file_t* file = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
  if (file == nullptr) return DamagedDocx();
  std::string data;
  char buffer[64 << 10];
  Status status;
  while (true) {
    zip_int64_t n = zip_fread(file, buffer, sizeof buffer);
    if (n < 0) {
      status = DamagedDocx();
      break;
    }
    if (n == 0) break;
    inflated_ += static_cast<size_t>(n);
    if (inflated_ > limits_.max_uncompressed_bytes) {
      status = DocxTooBig(limits_.max_uncompressed_bytes);
      break;
    }
    if (data.size() + static_cast<size_t>(n) > kMaxPartBytes) {
      status = DocxTooBig(kMaxPartBytes);
      break;
    }
    data.append(buffer, static_cast<size_t>(n));
  }
  zip_fclose(file);
  if (!status.ok()) return status;
  return std::optional<std::string>(std::move(data));
}

Status ZipArchive::CheckDirectory() {
  zip_int64_t count = zip_get_num_entries(zip_, 0);
  if (count < 0) return DamagedDocx();
  if (count > limits_.max_zip_entries) {
    return UnprocessableError(
        "this Word file holds " + std::to_string(count) + " parts inside, more than the limit of " +
        std::to_string(limits_.max_zip_entries) + ", so it cannot be read safely");
  }
  size_t declared = 0;
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip_, i, 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0 ||
        (st.valid & ZIP_STAT_COMP_SIZE) == 0 || (st.valid & ZIP_STAT_NAME) == 0) {
      return DamagedDocx();
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE) {
      return UnprocessableError(
          "this Word file is password-protected; remove the password and upload it again");
    }
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(zip_, i, 0, &opsys, &attributes) == 0 &&
        opsys == ZIP_OPSYS_UNIX && ((attributes >> 16) & S_IFMT) == S_IFLNK) {
      return UnprocessableError(
          "this Word file contains a symbolic link, which Word never writes; it cannot be "
          "read safely");
    }
    if (st.size > limits_.max_uncompressed_bytes ||
        declared + st.size > limits_.max_uncompressed_bytes) {
      return DocxTooBig(limits_.max_uncompressed_bytes);
    }
    declared += st.size;
    if (st.size >= kRatioCheckBytes &&
        (st.comp_size == 0 || static_cast<double>(st.size) / static_cast<double>(st.comp_size) >
                                  limits_.max_compression_ratio)) {
      return UnprocessableError(
          "this Word file is compressed far more than any normal document (the shape of a "
          "\"zip bomb\"), so it cannot be read safely");
    }
    names_.emplace_back(st.name);
  }
  return Status::Ok();
}

}  // namespace rc::ingest
