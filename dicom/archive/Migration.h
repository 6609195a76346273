#pragma once
#include <string>
#include <vector>

namespace countyread::dicom {

// One numbered schema migration (NNN_name.sql), embedded at build time.
struct Migration {
    int version;
    std::string name;
    std::string sql;
};

std::vector<Migration> archiveMigrations();

}  // namespace countyread::dicom
