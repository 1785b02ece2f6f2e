// ExampleService: the built-in example documents (list, read, add, remove, seed defaults).
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/session.h"
#include "service/limits.h"
#include "storage/store.h"

namespace rc::service {

// Blocking; thread-safe; borrows the store.
//
// Seeding policy: the defaults are written only when the store holds no example at all (a
// first start). Later starts never touch the examples, so an example a user edited or removed
// stays as the user left it. Removing every example brings the defaults back at the next start.
class ExampleService {
 public:
  ExampleService(storage::Store& store, Limits limits) : store_(store), limits_(limits) {}

  // Every example, ordered by id, without content.
  Result<std::vector<model::Example>> List();
  // One example with its content; NotFound ("example not found") when there is none.
  Result<model::Example> Get(std::string_view id);
  // Inserts or replaces an example after validation: id a slug of 1–64 characters [a-z0-9-],
  // name 1–200 characters, kind "resume" or "job", content non-empty UTF-8 within the limit.
  // InvalidArgument/PayloadTooLarge naming the field otherwise.
  Status Put(const model::Example& example);
  // NotFound when there is no such example.
  Status Remove(std::string_view id);
  // Writes `defaults` when the store has no example yet; returns how many were written.
  Result<int> SeedDefaults(const std::vector<model::Example>& defaults);

 private:
  storage::Store& store_;
  Limits limits_;
};

// True for an example id: 1–64 characters of [a-z0-9-], not starting with '-'.
bool IsValidExampleId(std::string_view id);

}  // namespace rc::service
