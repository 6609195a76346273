#include "worklist/AssignmentEngine.h"

#include <algorithm>

namespace countyread::worklist {

LoadWeights::LoadWeights() : by_modality_{{"CT", 3}, {"MR", 3}, {"CR", 1}, {"DX", 1}, {"DR", 1}} {}

LoadWeights LoadWeights::uniform(int weight) {
    LoadWeights w;
    w.by_modality_.clear();
    w.default_ = weight;
    return w;
}

int LoadWeights::weight(const std::string& modality) const {
    auto it = by_modality_.find(modality);
    return it == by_modality_.end() ? default_ : it->second;
}

AssignmentEngine::AssignmentEngine(const Roster* roster, LoadWeights weights)
    : roster_(roster), weights_(std::move(weights)) {}

void AssignmentEngine::addRadiologist(RadiologistInfo r) {
    int i = indexOf(r.id);
    if (i >= 0) {
        for (auto& [modality, list] : by_modality_) std::erase(list, i);
        people_[static_cast<std::size_t>(i)] = std::move(r);
    } else {
        i = static_cast<int>(people_.size());
        index_[r.id] = i;
        people_.push_back(std::move(r));
        load_.push_back(0);
        open_.push_back(0);
        contracted_.emplace_back();
    }
    auto& ids = contracted_[static_cast<std::size_t>(i)];
    ids.clear();
    for (const auto& t : people_[static_cast<std::size_t>(i)].townships)
        ids.push_back(township_ids_.try_emplace(t, static_cast<int>(township_ids_.size())).first->second);
    std::sort(ids.begin(), ids.end());
    for (const auto& m : people_[static_cast<std::size_t>(i)].modalities) {
        auto& list = by_modality_[m];
        auto pos = std::lower_bound(list.begin(), list.end(), i, [&](int a, int b) {
            return people_[static_cast<std::size_t>(a)].id < people_[static_cast<std::size_t>(b)].id;
        });
        if (pos == list.end() || *pos != i) list.insert(pos, i);
    }
}

int AssignmentEngine::townshipId(const std::string& township) const {
    auto it = township_ids_.find(township);
    return it == township_ids_.end() ? -1 : it->second;
}

int AssignmentEngine::indexOf(const std::string& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? -1 : it->second;
}

const RadiologistInfo* AssignmentEngine::radiologist(const std::string& id) const {
    int i = indexOf(id);
    return i < 0 ? nullptr : &people_[static_cast<std::size_t>(i)];
}

void AssignmentEngine::addLoad(const std::string& radiologist, const std::string& modality) {
    if (int i = indexOf(radiologist); i >= 0) {
        load_[static_cast<std::size_t>(i)] += weights_.weight(modality);
        ++open_[static_cast<std::size_t>(i)];
    }
}

void AssignmentEngine::removeLoad(const std::string& radiologist, const std::string& modality) {
    if (int i = indexOf(radiologist); i >= 0) {
        auto u = static_cast<std::size_t>(i);
        load_[u] = std::max(0, load_[u] - weights_.weight(modality));
        open_[u] = std::max(0, open_[u] - 1);
    }
}

void AssignmentEngine::setLoad(const std::string& radiologist, int units) {
    if (int i = indexOf(radiologist); i >= 0) load_[static_cast<std::size_t>(i)] = units;
}

int AssignmentEngine::load(const std::string& radiologist) const {
    int i = indexOf(radiologist);
    return i < 0 ? 0 : load_[static_cast<std::size_t>(i)];
}

int AssignmentEngine::openItems(const std::string& radiologist) const {
    int i = indexOf(radiologist);
    return i < 0 ? 0 : open_[static_cast<std::size_t>(i)];
}

namespace {
bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}
}  // namespace

bool AssignmentEngine::qualified(const RadiologistInfo& r, const WorkItem& item) const {
    if (!contains(r.modalities, item.modality)) return false;
    return r.body_parts.empty() || item.body_part.empty() || contains(r.body_parts, item.body_part);
}

bool AssignmentEngine::onDuty(const std::string& radiologist, Instant now) const {
    return !roster_ || roster_->onDuty(radiologist, now);
}

Decision AssignmentEngine::choose(const WorkItem& item, Instant now, const ChooseOptions& options) const {
    Decision d;
    auto list = by_modality_.find(item.modality);
    if (list == by_modality_.end() || list->second.empty()) {
        d.reason = "pool: no radiologist reads " + item.modality;
        return d;
    }
    const int w = weights_.weight(item.modality);
    const bool prefer_affinity =
        options.prefer_affinity && !(emergency_by_load_ && item.priority == Priority::Emergency);
    const int township = townshipId(item.township);
    int skilled = 0, on_duty = 0, best = -1, best_affinity = 0, best_load = 0;
    for (int i : list->second) {
        const auto& r = people_[static_cast<std::size_t>(i)];
        if (!options.exclude.empty() && r.id == options.exclude) continue;
        if (!r.body_parts.empty() && !item.body_part.empty() && !contains(r.body_parts, item.body_part))
            continue;
        ++skilled;
        const int load = load_[static_cast<std::size_t>(i)];
        // 0: contracted to this township, 1: serves every township, 2: contracted elsewhere.
        const auto& contracted = contracted_[static_cast<std::size_t>(i)];
        const int affinity = !prefer_affinity ? 0
                             : contracted.empty() ? 1
                             : std::binary_search(contracted.begin(), contracted.end(), township) ? 0
                                                                                                  : 2;
        // The list is sorted by id, so on a full tie the first one seen (lowest id) stays; and
        // once there is a best, only someone strictly better needs the (dearer) roster check.
        if (best >= 0 && (affinity > best_affinity || (affinity == best_affinity && load >= best_load)))
            continue;
        if (!onDuty(r.id, now)) continue;
        ++on_duty;
        if (r.capacity > 0 && load + w > r.capacity) continue;
        best = i;
        best_affinity = affinity;
        best_load = load;
    }
    std::string what = item.modality + (item.body_part.empty() ? "" : " " + item.body_part);
    if (best < 0) {
        // Nothing was skipped as "not better" (there was no best), so the counts are complete.
        d.reason = skilled == 0   ? "pool: no radiologist reads " + what
                   : on_duty == 0 ? "pool: " + std::to_string(skilled) + " read " + what + ", none on duty"
                                  : "pool: " + std::to_string(on_duty) + " on duty for " + what +
                                      ", all at capacity";
        return d;
    }
    const auto& r = people_[static_cast<std::size_t>(best)];
    d.radiologist = r.id;
    static const char* const kAffinity[] = {"contracted to the township", "serves every township",
                                            "contracted elsewhere"};
    d.reason = r.id + ": " +
               (prefer_affinity ? kAffinity[best_affinity] : std::string("by load")) +
               ", load " + std::to_string(best_load) + ", on duty, reads " + what;
    return d;
}

}  // namespace countyread::worklist
