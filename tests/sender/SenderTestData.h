#pragma once
// Test data for the gateway: the sample generator's township studies (two DR chests, a CT head
// and a CT chest, four character sets) plus a second CT head series (a bone reconstruction)
// so the CT study is multi-series; helpers to compare pixel data after decompression.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace countyread::test {

struct TestSet {
    std::vector<std::filesystem::path> files;
    std::map<std::string, std::filesystem::path> by_sop;  // SOP Instance UID -> file
    std::vector<std::string> study_uids;
    int64_t bytes = 0;
};

struct TestSetSize {
    int ct_slices = 12;
    int ct_size = 128;
    int dr_size = 256;
    bool second_ct_series = true;
};

TestSet makeCtDrSet(const std::filesystem::path& dir, TestSetSize size = {});

// Pixel data after decoding (any transfer syntax), as raw bytes; throws when unreadable.
std::vector<uint8_t> decodedPixels(const std::filesystem::path& file);
std::string transferSyntaxOf(const std::filesystem::path& file);
std::string sopInstanceOf(const std::filesystem::path& file);

}  // namespace countyread::test
