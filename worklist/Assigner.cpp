#include "worklist/Assigner.h"

#include <algorithm>
#include <tuple>

namespace countyread::worklist {

std::optional<std::string> chooseRadiologist(const std::vector<RadiologistProfile>& radiologists,
                                             const ReadingItem& item,
                                             const std::map<std::string, int>& open_load) {
    const RadiologistProfile* best = nullptr;
    std::tuple<int, int, std::string> best_key;
    for (const auto& r : radiologists) {
        bool skilled = std::find(r.modalities.begin(), r.modalities.end(), item.modality) !=
                       r.modalities.end();
        if (!skilled) continue;
        // 0: contracted to this township, 1: serves every township, 2: contracted elsewhere.
        int affinity = r.townships.empty() ? 1
                       : std::find(r.townships.begin(), r.townships.end(), item.township) !=
                               r.townships.end()
                           ? 0
                           : 2;
        auto it = open_load.find(r.id);
        int load = it == open_load.end() ? 0 : it->second;
        auto key = std::make_tuple(affinity, load, r.id);
        if (!best || key < best_key) {
            best = &r;
            best_key = key;
        }
    }
    if (!best) return std::nullopt;
    return best->id;
}

}  // namespace countyread::worklist
