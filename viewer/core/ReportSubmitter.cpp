#include "viewer/core/ReportSubmitter.h"

#include <set>
#include <stdexcept>

#include "dicom/sign/Signature.h"
#include "dicom/sr/KeyObjectSelection.h"
#include "dicom/sr/ReportSr.h"
#include "viewer/core/ReportApi.h"

namespace countyread::viewer {
namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

bool isStructuredReport(const std::string& sop_class_uid) {
    return sop_class_uid.rfind("1.2.840.10008.5.1.4.1.1.88.", 0) == 0;
}

dicom::ReportAuthor authorOf(const UserSession& user) {
    return {user.user_id, user.name.empty() ? user.user_id : user.name, user.organization};
}

}  // namespace

dicom::InstanceInfo ReportSubmitter::reference(const dicom::InstanceInfo& study,
                                               const InstanceRow& row) {
    dicom::InstanceInfo ref = study;  // patient and study attributes
    ref.series_uid = row.series_uid;
    ref.series_number = row.series_number;
    ref.series_description = row.series_description;
    ref.modality = row.modality.empty() ? study.modality : row.modality;
    ref.sop_class_uid = row.sop_class_uid;
    ref.sop_instance_uid = row.sop_instance_uid;
    ref.instance_number = row.instance_number;
    ref.rows = row.rows;
    ref.columns = row.columns;
    return ref;
}

dicom::ReportContent ReportSubmitter::content(const ReportText& text, const UserSession& user,
                                              bool critical_finding) {
    dicom::ReportContent content;
    content.findings = text.findings;
    content.impression = text.impression;
    content.recommendations = text.recommendations;
    content.critical_finding = critical_finding;
    content.author = authorOf(user);
    switch (text.kind) {
        case ReportKind::Report:
            break;
        case ReportKind::Preliminary:
            content.preliminary = true;
            break;
        case ReportKind::Verified:
            if (!text.predecessor)
                throw std::invalid_argument("verifying a report needs the preliminary it verifies");
            if (!text.author || text.author->name.empty())
                throw std::invalid_argument("verifying a report needs the preliminary's author");
            content.author = *text.author;      // 报告医生 stays the observer
            content.verifier = authorOf(user);  // 审核医生
            content.predecessor = text.predecessor;
            break;
        case ReportKind::Addendum:
            if (!text.predecessor)
                throw std::invalid_argument("an addendum needs the report it corrects");
            if (blank(text.addendum))
                throw std::invalid_argument(
                    "补充/更正说明不能为空 an addendum needs the text of its correction");
            content.predecessor = text.predecessor;
            content.addendum = text.addendum;
            break;
    }
    return content;
}

dicom::Bytes ReportSubmitter::keyObjectSelection(const dicom::InstanceInfo& study,
                                                 const std::vector<InstanceRow>& key_images,
                                                 const UserSession& user) {
    dicom::KeyObjectSelection kos;
    kos.study = study;
    kos.description = "关键图像 Key images";
    kos.observer = authorOf(user).name;
    std::set<std::string> seen;
    for (const InstanceRow& row : key_images) {
        if (!seen.insert(row.sop_instance_uid).second) continue;
        kos.images.push_back({row.sop_class_uid, row.sop_instance_uid, row.series_uid, 0});
    }
    return dicom::buildKeyObjectSelection(kos);
}

ServerClient::ReportAnswer ReportSubmitter::submit(const dicom::InstanceInfo& study,
                                                   const std::vector<InstanceRow>& instances,
                                                   const ReportText& text, const SigningKey& key,
                                                   bool critical_finding) {
    key_object_uid_.clear();
    const UserSession& user = client_.session();
    const dicom::ReportContent report = content(text, user, critical_finding);
    std::vector<dicom::InstanceInfo> referenced;
    for (const InstanceRow& row : instances) {
        // Earlier reports and key-object selections are not evidence for this one.
        if (isStructuredReport(row.sop_class_uid)) continue;
        referenced.push_back(reference(study, row));
    }
    dicom::Bytes sr = dicom::buildReportSr(study, referenced, report);
    dicom::SigningIdentity identity;
    identity.key_pem = key.key_pem;
    identity.key_password = key.password;
    identity.certificate_pem =
        key.certificate_pem.empty() ? client_.myCertificate() : key.certificate_pem;
    dicom::Bytes signed_sr = dicom::signDataset(sr, identity);
    // Signed locally first (a wrong password posts nothing); the key images reach the server
    // before the report, whose printed PDF shows the study's newest KOS.
    if (!text.key_images.empty()) {
        ReportApi api(client_.url(), user);
        key_object_uid_ =
            api.postKeyImages(study.study_uid, keyObjectSelection(study, text.key_images, user));
    }
    return client_.postReport(study.study_uid, signed_sr);
}

}  // namespace countyread::viewer
