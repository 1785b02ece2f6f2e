// eval-driver DATASET PATH: the evaluation driver (the same function backs `resume-coach eval`).
#include <iostream>
#include <string>

#include "eval/eval.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: eval-driver skillspan|green PATH\n";
    return 2;
  }
  return rc::eval::RunEval(argv[1], argv[2], std::cout);
}
