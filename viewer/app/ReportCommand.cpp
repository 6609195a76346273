#include "viewer/app/ReportCommand.h"

#include <cstdio>
#include <fstream>
#include <iterator>

#include "dicom/model/DicomFile.h"
#include "viewer/core/ReportApi.h"
#include "viewer/core/ReportStudyState.h"
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
        text.recommendations = options.recommendations;
        if (text.findings.empty() && text.impression.empty() && options.addendum.empty()) {
            std::fprintf(stderr, "report file %s is empty\n", options.report.c_str());
            return 1;
        }
        ServerClient client(ServerUrl::parse(options.server));
        client.login(options.user, options.password);
        // Where the study's report stands decides what this signature is, as in the editor:
        // a new report (or preliminary), the verification of someone else's preliminary, or an
        // addendum to the signed report.
        ReportApi api(ServerUrl::parse(options.server), client.session());
        auto state = ReportStudyState::load(api, options.study, {}, {}, client.session());
        for (const auto& w : state.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
        using Mode = ReportStudyState::Mode;
        switch (state.mode) {
            case Mode::NewReport:
                if (!options.addendum.empty()) {
                    std::fprintf(stderr, "study %s has no signed report to amend\n", options.study.c_str());
                    return 1;
                }
                text.kind = options.preliminary ? ReportKind::Preliminary : ReportKind::Report;
                break;
            case Mode::AwaitingVerification:
                std::fprintf(stderr, "your preliminary report of study %s awaits a senior's verification\n",
                             options.study.c_str());
                return 1;
            case Mode::Verify:
                if (options.preliminary || !options.addendum.empty()) {
                    std::fprintf(stderr, "study %s has a preliminary by %s: what is signed now verifies it\n",
                                 options.study.c_str(), state.existing->observer_name.c_str());
                    return 1;
                }
                text.kind = ReportKind::Verified;
                text.author = dicom::ReportAuthor{"", state.existing->observer_name, ""};
                text.predecessor = state.existing_ref;
                std::printf("verifying the preliminary by %s\n", state.existing->observer_name.c_str());
                break;
            case Mode::Addendum:
                if (options.addendum.empty()) {
                    std::fprintf(stderr,
                                 "study %s already has a signed report: corrections are addenda "
                                 "(--addendum TEXT)\n",
                                 options.study.c_str());
                    return 1;
                }
                text.kind = ReportKind::Addendum;
                text.predecessor = state.existing_ref;
                text.addendum = options.addendum;
                break;
        }
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
        auto answer = submitter.submit(study, instances, text, key, options.critical);
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
