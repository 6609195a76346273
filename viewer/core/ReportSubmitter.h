#pragma once
// Builds the report SR, signs it with the radiologist's key, and posts it to the server.
// Used by the report panel and by the headless `--report` mode alike.
#include <filesystem>
#include <string>
#include <vector>

#include "dicom/model/InstanceInfo.h"
#include "viewer/core/InstanceRow.h"
#include "viewer/core/ReportText.h"
#include "viewer/core/ServerClient.h"

namespace countyread::viewer {

struct SigningKey {
    std::filesystem::path key_pem;
    std::string password;
    std::string certificate_pem;  // empty: fetched from GET /api/v1/me/certificate
};

class ReportSubmitter {
public:
    explicit ReportSubmitter(ServerClient& client) : client_(client) {}

    // Throws dicom::DicomError (building/signing) or ServerError (server refused, e.g. 422).
    ServerClient::ReportAnswer submit(const dicom::InstanceInfo& study,
                                      const std::vector<InstanceRow>& instances,
                                      const ReportText& text, const SigningKey& key,
                                      bool critical_finding = false);

    // The SR's reference to one instance of the study (no download needed).
    static dicom::InstanceInfo reference(const dicom::InstanceInfo& study, const InstanceRow& row);

private:
    ServerClient& client_;
};

}  // namespace countyread::viewer
