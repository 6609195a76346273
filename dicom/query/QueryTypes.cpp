#include "dicom/query/QueryTypes.h"

namespace countyread::dicom {

namespace {
std::string trimmed(const std::string& s) {
    size_t first = s.find_first_not_of(' ');
    if (first == std::string::npos) return {};
    size_t last = s.find_last_not_of(std::string(" \0", 2));
    return s.substr(first, last - first + 1);
}
}  // namespace

const char* toString(QueryLevel level) {
    switch (level) {
        case QueryLevel::Patient:
            return "PATIENT";
        case QueryLevel::Study:
            return "STUDY";
        case QueryLevel::Series:
            return "SERIES";
        case QueryLevel::Image:
            return "IMAGE";
    }
    return "";
}

std::optional<QueryLevel> parseQueryLevel(const std::string& text) {
    auto t = trimmed(text);
    if (t == "PATIENT") return QueryLevel::Patient;
    if (t == "STUDY") return QueryLevel::Study;
    if (t == "SERIES") return QueryLevel::Series;
    if (t == "IMAGE") return QueryLevel::Image;
    return std::nullopt;
}

const QueryKey* QueryRequest::key(Tag tag) const {
    for (const auto& k : keys)
        if (k.tag == tag) return &k;
    return nullptr;
}

std::string QueryRequest::value(Tag tag) const {
    const auto* k = key(tag);
    return k ? k->value : std::string();
}

}  // namespace countyread::dicom
