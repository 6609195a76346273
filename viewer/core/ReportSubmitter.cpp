#include "viewer/core/ReportSubmitter.h"

#include "dicom/sign/Signature.h"
#include "dicom/sr/ReportSr.h"

namespace countyread::viewer {

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

ServerClient::ReportAnswer ReportSubmitter::submit(const dicom::InstanceInfo& study,
                                                   const std::vector<InstanceRow>& instances,
                                                   const ReportText& text, const SigningKey& key,
                                                   bool critical_finding) {
    std::vector<dicom::InstanceInfo> referenced;
    for (const InstanceRow& row : instances) {
        // Earlier reports of the same study are not evidence for this one.
        if (row.sop_class_uid.rfind("1.2.840.10008.5.1.4.1.1.88.", 0) == 0) continue;
        referenced.push_back(reference(study, row));
    }
    const UserSession& user = client_.session();
    dicom::ReportContent content;
    content.findings = text.findings;
    content.impression = text.impression;
    content.author = {user.user_id, user.name.empty() ? user.user_id : user.name,
                      user.organization};
    content.critical_finding = critical_finding;

    dicom::Bytes sr = dicom::buildReportSr(study, referenced, content);
    dicom::SigningIdentity identity;
    identity.key_pem = key.key_pem;
    identity.key_password = key.password;
    identity.certificate_pem =
        key.certificate_pem.empty() ? client_.myCertificate() : key.certificate_pem;
    dicom::Bytes signed_sr = dicom::signDataset(sr, identity);
    return client_.postReport(study.study_uid, signed_sr);
}

}  // namespace countyread::viewer
