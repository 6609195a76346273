#pragma once
// The assignment rule (分配规则), pure and fast: who should read an item now.
//
// Candidates read the item's modality, read its body part (when the radiologist lists body
// parts and the item has one), are on duty (when a roster is given), and have room under their
// capacity cap (when they have one). Among them: radiologists contracted to the item's township
// first, then those serving every township, then those contracted elsewhere; then the lowest
// load, weighted by modality (a CT counts 3, a radiograph 1 by default); then the radiologist id,
// so the same inputs always give the same answer.
//
// Load is bookkept incrementally (addLoad/removeLoad as items open and close), never recomputed
// by scanning items; a decision looks only at the radiologists who read the modality.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "worklist/Roster.h"
#include "worklist/WorkItem.h"

namespace countyread::worklist {

struct RadiologistInfo {
    std::string id;
    std::string name;
    std::vector<std::string> modalities;  // e.g. {"CR","DX","CT"}
    std::vector<std::string> body_parts;  // e.g. {"HEAD","NECK"}; empty = every body part
    std::vector<std::string> townships;   // contracted townships; empty = all
    int capacity = 0;                     // most weighted open load; 0 = no cap
};

// Load units per open item, by modality.
class LoadWeights {
public:
    LoadWeights();                                   // CT 3, MR 3, CR/DX/DR 1, anything else 2
    static LoadWeights uniform(int weight = 1);      // every modality the same
    void set(const std::string& modality, int weight) { by_modality_[modality] = weight; }
    int weight(const std::string& modality) const;

private:
    int default_ = 2;
    std::unordered_map<std::string, int> by_modality_;
};

struct Decision {
    std::optional<std::string> radiologist;  // nullopt: the item stays in the pool
    std::string reason;  // who and why, or why nobody (e.g. "pool: 4 read CT, none on duty")
    explicit operator bool() const { return radiologist.has_value(); }
};

struct ChooseOptions {
    std::string exclude;          // never this radiologist (re-routing away from them)
    bool prefer_affinity = true;  // false: lowest load first (escalation re-routes)
};

class AssignmentEngine {
public:
    // Without a roster everyone is on duty.
    explicit AssignmentEngine(const Roster* roster = nullptr, LoadWeights weights = {});

    void addRadiologist(RadiologistInfo r);  // replaces one with the same id, keeping its load
    const RadiologistInfo* radiologist(const std::string& id) const;
    const std::vector<RadiologistInfo>& radiologists() const { return people_; }

    int weight(const std::string& modality) const { return weights_.weight(modality); }
    void addLoad(const std::string& radiologist, const std::string& modality);
    void removeLoad(const std::string& radiologist, const std::string& modality);
    void setLoad(const std::string& radiologist, int units);
    int load(const std::string& radiologist) const;       // weighted units
    int openItems(const std::string& radiologist) const;  // items counted by addLoad

    bool qualified(const RadiologistInfo& r, const WorkItem& item) const;
    bool onDuty(const std::string& radiologist, Instant now) const;

    Decision choose(const WorkItem& item, Instant now, const ChooseOptions& options = {}) const;

    // Emergencies by load alone (township affinity ignored), so that an idle reader elsewhere
    // beats a busy contracted one. Off by default: every priority follows the affinity rule.
    void setEmergencyByLoad(bool on) { emergency_by_load_ = on; }

private:
    int indexOf(const std::string& id) const;
    int townshipId(const std::string& township) const;
    const Roster* roster_;
    LoadWeights weights_;
    bool emergency_by_load_ = false;
    std::vector<RadiologistInfo> people_;
    std::vector<int> load_, open_;
    // Contracted townships as sorted interned ids, per radiologist: a binary search over ints
    // instead of string compares (a county team may hold dozens of townships).
    std::vector<std::vector<int>> contracted_;
    std::unordered_map<std::string, int> township_ids_;
    std::unordered_map<std::string, int> index_;
    std::unordered_map<std::string, std::vector<int>> by_modality_;  // indices, sorted by id
};

}  // namespace countyread::worklist
