// A small taxonomy for unit tests, independent of the data/taxonomy files.
#pragma once

#include <memory>
#include <vector>

#include "engine/taxonomy/taxonomy.h"

namespace rc::engine::testing {

inline std::vector<TaxonomyFile> TestTaxonomyFiles() {
  return {
      {"VERSION", "test.1\n"},
      {"software.tsv",
       "# test skills\n"
       "id\tname\tkind\tcategory\taliases\trelated\n"
       "python\tPython\thard\tprogramming-language\tpython3\tdjango\n"
       "java\tJava\thard\tprogramming-language\t\tjavascript\n"
       "javascript\tJavaScript\thard\tprogramming-language\tjs|ecmascript\ttypescript\n"
       "typescript\tTypeScript\thard\tprogramming-language\tts\tjavascript\n"
       "django\tDjango\ttool\tframework\t\tpython\n"
       "sql\tSQL\thard\tdatabase\t\tpostgresql|mysql\n"
       "nosql\tNoSQL\thard\tdatabase\t\t\n"
       "postgresql\tPostgreSQL\ttool\tdatabase\tpostgres|psql\tmysql|sql\n"
       "mysql\tMySQL\ttool\tdatabase\t\tpostgresql|sql\n"
       "go\tGo\thard\tprogramming-language\tgolang\t\n"
       "react\tReact\ttool\tframework\treact.js|reactjs\tjavascript\n"
       "c++\tC++\thard\tprogramming-language\tcpp\t\n"
       "c-sharp\tC#\thard\tprogramming-language\tcsharp\t\n"
       "dotnet\t.NET\ttool\tframework\tdotnet\tc-sharp\n"
       "r\tR\thard\tprogramming-language\t\t\n"
       "docker\tDocker\ttool\tcontainers\t\tkubernetes\n"
       "kubernetes\tKubernetes\ttool\tcontainers\tk8s\tdocker\n"
       "machine-learning\tMachine Learning\thard\tdata-science\tml\t\n"
       "rest-api\tREST API\thard\tweb\trest apis|restful api\t\n"
       "ci-cd\tCI/CD\thard\tdevops\tcontinuous integration\t\n"
       "front-end\tFront End Development\thard\tweb\tfront end|frontend\t\n"
       "terraform\tTerraform\ttool\tinfrastructure\t\tkubernetes\n"
       "aws\tAmazon Web Services\ttool\tcloud\taws\t\n"},
      {"general.tsv",
       "id\tname\tkind\tcategory\taliases\trelated\n"
       "communication\tCommunication\tsoft\tinterpersonal\tcommunication skills\t\n"
       "teamwork\tTeamwork\tsoft\tinterpersonal\tteam player\t\n"
       "leadership\tLeadership\tsoft\tinterpersonal\t\t\n"
       "learning\tWillingness to Learn\tsoft\tgrowth\twillingness to learn|eager to learn\t\n"
       "excel\tMicrosoft Excel\ttool\toffice\texcel|ms excel\t\n"
       "patient-care\tPatient Care\thard\tnursing\t\t\n"
       "bls\tBasic Life Support\tcertification\tmedical\tbls certification|bls\t\n"
       "rn-license\tRegistered Nurse License\tcertification\tnursing\trn license\t\n"
       "bookkeeping\tBookkeeping\thard\taccounting\t\t\n"
       "quickbooks\tQuickBooks\ttool\taccounting\t\tbookkeeping\n"
       "spanish\tSpanish\tlanguage\tlanguage\t\t\n"
       "project-management\tProject Management\thard\tmanagement\t\t\n"},
      {"context_rules.tsv",
       "id\trule\tvalue\n"
       "go\tcase_sensitive\tGo|GO\n"
       "go\treject_next\tto|ahead\n"
       "go\trequires_context\tprogramming|developer|backend|language\n"
       "r\tcase_sensitive\tR\n"
       "r\trequires_context\tstatistics|programming|language\n"
       "react\treject_next\tto|quickly\n"},
  };
}

inline std::shared_ptr<const Taxonomy> TestTaxonomy() {
  static const std::shared_ptr<const Taxonomy> taxonomy = [] {
    auto loaded = LoadTaxonomy(TestTaxonomyFiles());
    return loaded.ok() ? loaded.value() : nullptr;
  }();
  return taxonomy;
}

}  // namespace rc::engine::testing
