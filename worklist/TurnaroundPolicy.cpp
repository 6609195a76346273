#include "worklist/TurnaroundPolicy.h"

#include <algorithm>
#include <stdexcept>

namespace countyread::worklist {

using namespace std::chrono;

ModalityClass modalityClass(const std::string& modality) {
    if (modality == "CR" || modality == "DX" || modality == "DR") return ModalityClass::Radiography;
    if (modality == "CT") return ModalityClass::CT;
    return ModalityClass::Other;
}

namespace {
Seconds defaultLimit(Priority p, ModalityClass c) {
    switch (p) {
        case Priority::Emergency: return c == ModalityClass::Radiography ? minutes{30} : minutes{60};
        case Priority::Urgent:
            return c == ModalityClass::Radiography ? hours{1} : c == ModalityClass::CT ? hours{2} : hours{4};
        case Priority::Routine:
            return c == ModalityClass::Radiography ? hours{2} : c == ModalityClass::CT ? hours{4} : hours{24};
    }
    return kMaxTurnaround;
}

void checkLimit(Seconds limit) {
    if (limit <= Seconds{0} || limit > kMaxTurnaround)
        throw std::invalid_argument("a turnaround limit must be between 1 s and 24 h");
}
}  // namespace

Seconds TurnaroundPolicy::limit(Priority p, const std::string& modality) const {
    if (!by_modality_.empty())
        if (auto it = by_modality_.find({p, modality}); it != by_modality_.end()) return it->second;
    auto c = modalityClass(modality);
    if (!by_class_.empty())
        if (auto it = by_class_.find({p, c}); it != by_class_.end()) return it->second;
    return defaultLimit(p, c);
}

void TurnaroundPolicy::setLimit(Priority p, const std::string& modality, Seconds limit) {
    checkLimit(limit);
    by_modality_[{p, modality}] = limit;
}

void TurnaroundPolicy::setClassLimit(Priority p, ModalityClass c, Seconds limit) {
    checkLimit(limit);
    by_class_[{p, c}] = limit;
}

Instant TurnaroundPolicy::deadline(const WorkItem& item) const {
    return item.received_at + limit(item.priority, item.modality);
}

Seconds TurnaroundPolicy::elapsed(const WorkItem& item, Instant now) const {
    Instant end = item.signed_at ? std::min(*item.signed_at, now) : now;
    return std::max(Seconds{0}, end - item.received_at);
}

double TurnaroundPolicy::fractionUsed(const WorkItem& item, Instant now) const {
    return static_cast<double>(elapsed(item, now).count()) /
           static_cast<double>(limit(item.priority, item.modality).count());
}

bool TurnaroundPolicy::usedAtLeast(const WorkItem& item, Instant now, int numerator,
                                   int denominator) const {
    return elapsed(item, now).count() * denominator >=
           limit(item.priority, item.modality).count() * numerator;
}

}  // namespace countyread::worklist
