#pragma once
// Pure assignment rule: which radiologist gets a new reading item.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "worklist/ReadingItem.h"

namespace countyread::worklist {

struct RadiologistProfile {
    std::string id;
    std::string name;
    std::vector<std::string> modalities;  // e.g. {"CR","DX","CT"}
    std::vector<std::string> townships;   // contracted townships; empty = all
};

// The server's entry point, implemented with AssignmentEngine (no roster, one load unit per item).
// Picks a radiologist able to read the item's modality, preferring those contracted to the
// item's township, then those serving all townships, then the lowest open load, then the id (deterministic). nullopt = pool.
std::optional<std::string> chooseRadiologist(const std::vector<RadiologistProfile>& radiologists,
                                             const ReadingItem& item,
                                             const std::map<std::string, int>& open_load);

}  // namespace countyread::worklist
