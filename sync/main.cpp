#include "sync/cli.hpp"

int main(int argc, char** argv) {
    return oh::cli::run(argc, argv);
}
