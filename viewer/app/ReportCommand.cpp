#include "viewer/app/ReportCommand.h"

#include <cstdio>
#include <fstream>
#include <iterator>

#include "dicom/model/DicomFile.h"
#include "viewer/core/ReportSubmitter.h"
#include "viewer/core/ServerClient.h"
#include "viewer/core/ServerError.h"

namespace countyread::viewer {
namespace {

std::string readText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

bool isReport(const InstanceRow& row) {
    return row.sop_class_uid.rfind("1.2.840.10008.5.1.4.1.1.88.", 0) == 0;
}

}  // namespace

int ReportCommand::run(const ViewerOptions& options) {
    try {
        ReportText text = ReportText::parse(readText(options.report));
        if (text.findings.empty() && text.impression.empty()) {
            std::fprintf(stderr, "report file %s is empty\n", options.report.c_str());
            return 1;
        }
        ServerClient client(ServerUrl::parse(options.server));
        client.login(options.user, options.password);
        std::vector<InstanceRow> instances = client.instances(options.study);
        if (instances.empty()) {
            std::fprintf(stderr, "study %s has no instances\n", options.study.c_str());
            return 1;
        }
        // Patient and study attributes come from one image of the study.
        const InstanceRow* source = &instances.front();
        for (const auto& row : instances) {
            if (!isReport(row)) {
                source = &row;
                break;
            }
        }
        dicom::InstanceInfo study =
            dicom::readInstanceInfo(client.instance(source->sop_instance_uid));
        SigningKey key;
        key.key_pem = options.key;
        key.password = options.key_password;
        if (!options.cert.empty()) key.certificate_pem = readText(options.cert);
        ReportSubmitter submitter(client);
        auto answer = submitter.submit(study, instances, text, key);
        std::printf("HTTP %d %s\n", answer.status, answer.body.c_str());
        return answer.status == 201 ? 0 : 1;
    } catch (const ServerError& e) {
        if (e.status() > 0) {
            std::printf("HTTP %d %s\n", e.status(), e.what());
        }
        std::fprintf(stderr, "report not accepted: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "report not sent: %s\n", e.what());
        return 1;
    }
}

}  // namespace countyread::viewer
