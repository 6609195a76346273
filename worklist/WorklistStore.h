#pragma once
// Persistence of reading items and their state transitions.
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

#include "dicom/archive/Database.h"
#include "worklist/ReadingItem.h"

namespace countyread::worklist {

class WorklistStore {
public:
    explicit WorklistStore(std::shared_ptr<dicom::Database> db);

    // Creates the item on a study's first instance; returns it and whether it was new.
    std::pair<ReadingItem, bool> ensureItem(const std::string& study_uid, const std::string& township,
                                            const std::string& modality, Priority priority,
                                            const std::string& now);
    // State changes; throw WorkflowError when the workflow does not allow them.
    void assign(const std::string& study_uid, const std::string& radiologist,
                const std::string& actor, const std::string& now);
    void markOpened(const std::string& study_uid, const std::string& actor, const std::string& now);
    void markSigned(const std::string& study_uid, const std::string& actor,
                    const std::string& report_sop_uid, const std::string& now);
    // An addendum corrected the signed report: signed | delivered | amended -> amended.
    void markAmended(const std::string& study_uid, const std::string& actor, const std::string& report_sop_uid,
                     const std::string& now);
    void markDelivered(const std::string& study_uid, const std::string& now);

    std::optional<ReadingItem> find(const std::string& study_uid);
    std::vector<ReadingItem> all();
    // Open (assigned or in reading) items per radiologist.
    std::map<std::string, int> openLoad();

    struct Transition {
        std::string from, to, actor, at;
    };
    std::vector<Transition> transitions(const std::string& study_uid);

private:
    void transition(const std::string& study_uid, ReadingState to, const std::string& actor,
                    const std::string& now, const std::string& extra_sql,
                    const std::vector<dicom::SqlValue>& extra_values);
    std::shared_ptr<dicom::Database> db_;
};

}  // namespace countyread::worklist
