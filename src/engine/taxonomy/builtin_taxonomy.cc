// LoadBuiltinTaxonomy: the data/taxonomy files compiled into the binary.
#include "embedded/rc_taxonomy_data.h"
#include "engine/taxonomy/taxonomy.h"

namespace rc::engine {

Result<std::shared_ptr<const Taxonomy>> LoadBuiltinTaxonomy() {
  std::vector<TaxonomyFile> files;
  for (const auto& [name, text] : data::TaxonomyFiles()) {
    files.push_back({std::string(name), std::string(text)});
  }
  return LoadTaxonomy(files);
}

}  // namespace rc::engine
