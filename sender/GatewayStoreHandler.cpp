#include "sender/GatewayStoreHandler.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>

#include "sender/Outbox.h"

namespace countyread::sender {

namespace {
std::string lowerAscii(std::string s) {
    for (auto& c : s)
        if (static_cast<unsigned char>(c) < 0x80)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}
}  // namespace

bool EmergencyRule::matches(const std::string& description) const {
    if (description.empty()) return false;
    auto d = lowerAscii(description);
    return std::any_of(keywords.begin(), keywords.end(), [&](const std::string& k) {
        return !k.empty() && d.find(lowerAscii(k)) != std::string::npos;
    });
}

GatewayStoreHandler::GatewayStoreHandler(Outbox& outbox, EmergencyRule rule, std::string county_aet,
                                         ReportSink report_sink)
    : outbox_(outbox),
      rule_(std::move(rule)),
      county_aet_(std::move(county_aet)),
      report_sink_(std::move(report_sink)) {}

dicom::StoreStatus GatewayStoreHandler::onStore(const dicom::ReceivedInstance& in) {
    try {
        if (report_sink_ && !county_aet_.empty() && in.calling_ae == county_aet_) {
            report_sink_(in.temp_file);
            return {0x0000, {}};
        }
        const bool emergency = in.priority == 1 || rule_.matches(in.info.study_description);
        auto r = outbox_.add(in.temp_file, Outbox::Storage::Move,
                             emergency ? Priority::Emergency : Priority::Routine,
                             "dicom:" + in.calling_ae + "@" + in.peer_host);
        spdlog::info("received {} from {} ({}), study {}{}{}", in.info.sop_instance_uid,
                     in.calling_ae, in.peer_host, in.info.study_uid, emergency ? ", EMERGENCY" : "",
                     r.queued ? "" : ", already delivered");
        return {0x0000, {}};
    } catch (const std::exception& e) {
        spdlog::error("cannot queue {} from {}: {}", in.info.sop_instance_uid, in.calling_ae,
                      e.what());
        return {0xA700, std::string("gateway outbox: ") + e.what()};
    }
}

}  // namespace countyread::sender
