#pragma once
// Adapts the local DICOM listener (dicom::StoreListener) to the outbox: a modality's C-STORE
// is answered with success only once the instance is fsynced in the outbox and indexed.
// Instances sent by the county itself (signed reports coming back) go to the report inbox.
#include <functional>
#include <string>
#include <vector>

#include "dicom/net/StoreListener.h"
#include "sender/OutboxTypes.h"

namespace countyread::sender {

class Outbox;

struct EmergencyRule {
    // Study descriptions containing one of these (case-insensitive for ASCII) are emergencies.
    std::vector<std::string> keywords;
    bool matches(const std::string& study_description_utf8) const;
};

class GatewayStoreHandler : public dicom::IStoreHandler {
public:
    // `report_sink` receives files from `county_aet` (may be empty: such files are queued).
    using ReportSink = std::function<void(const std::filesystem::path& file)>;
    GatewayStoreHandler(Outbox& outbox, EmergencyRule rule, std::string county_aet = {},
                        ReportSink report_sink = {});
    dicom::StoreStatus onStore(const dicom::ReceivedInstance& instance) override;

private:
    Outbox& outbox_;
    EmergencyRule rule_;
    std::string county_aet_;
    ReportSink report_sink_;
};

}  // namespace countyread::sender
