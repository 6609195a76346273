#include "dicom/sr/ReportSr.h"

#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include "dicom/model/DatasetAccess.h"
#include "dicom/model/Uid.h"

namespace countyread::dicom {

namespace {

const DSRCodedEntryValue kReportTitle("18748-4", "LN", "Diagnostic Imaging Report");
const DSRCodedEntryValue kLanguage("121049", "DCM", "Language of Content Item and Descendants");
const DSRCodedEntryValue kObserverType("121005", "DCM", "Observer Type");
const DSRCodedEntryValue kPerson("121006", "DCM", "Person");
const DSRCodedEntryValue kObserverName("121008", "DCM", "Person Observer Name");
const DSRCodedEntryValue kObserverOrg("121009", "DCM", "Person Observer's Organization Name");
const DSRCodedEntryValue kFindings("121070", "DCM", "Findings");
const DSRCodedEntryValue kFinding("121071", "DCM", "Finding");
const DSRCodedEntryValue kImpressions("121072", "DCM", "Impressions");
const DSRCodedEntryValue kImpression("121073", "DCM", "Impression");
const DSRCodedEntryValue kRecommendations("121074", "DCM", "Recommendations");
const DSRCodedEntryValue kRecommendation("121075", "DCM", "Recommendation");
// What an addendum corrects (private code, like the critical flag).
const DSRCodedEntryValue kAddendum("ADDENDUM", "99CNTYRD", "Addendum");
// Critical finding (危急值) flag: a private code (scheme "99CNTYRD", per PS3.16 8.2).
const DSRCodedEntryValue kCritical("CRITICAL", "99CNTYRD", "Critical finding");
const DSRCodedEntryValue kYes("373066001", "SCT", "Yes");

void check(OFCondition cond, const char* what) {
    if (cond.bad()) throw DicomError(std::string("SR: ") + what + ": " + cond.text());
}

void addText(DSRDocumentTree& tree, DSRTypes::E_AddMode mode, const DSRCodedEntryValue& code,
             const std::string& text) {
    if (!tree.addContentItem(DSRTypes::RT_contains, DSRTypes::VT_Text, mode))
        throw DicomError("SR: cannot add text item");
    check(tree.getCurrentContentItem().setConceptName(code), "code");
    check(tree.getCurrentContentItem().setStringValue(text.empty() ? "-" : text.c_str(), OFFalse),
          "text");
}

}  // namespace

Bytes buildReportSr(const InstanceInfo& study, const std::vector<InstanceInfo>& referenced,
                    const ReportContent& content) {
    if (content.author.name.empty()) throw DicomError("SR: the report needs its author's name");
    DSRDocument doc(DSRTypes::DT_BasicTextSR);
    check(doc.setSpecificCharacterSetType(DSRTypes::CS_UTF8), "charset");
    check(doc.createNewSeriesInStudy(study.study_uid.c_str()), "study");
    doc.setPatientName(study.patient_name.c_str(), OFFalse);
    doc.setPatientID(study.patient_id.c_str(), OFFalse);
    doc.setPatientBirthDate(study.patient_birth_date.c_str(), OFFalse);
    doc.setPatientSex(study.patient_sex.c_str(), OFFalse);
    doc.setReferringPhysicianName(study.referring_physician.c_str(), OFFalse);
    doc.setStudyDescription(study.study_description.c_str(), OFFalse);
    doc.setAccessionNumber(study.accession_number.c_str(), OFFalse);
    doc.setSeriesDescription("诊断报告 Diagnostic report", OFFalse);
    doc.setManufacturer("CountyRead", OFFalse);

    auto& tree = doc.getTree();
    if (!tree.addContentItem(DSRTypes::RT_isRoot, DSRTypes::VT_Container))
        throw DicomError("SR: cannot add root");
    check(tree.getCurrentContentItem().setConceptName(kReportTitle), "title");
    check(tree.setTemplateIdentification("2000", "DCMR"), "template");

    // Language (TID 1204) and observer context (TID 1002).
    tree.addChildContentItem(DSRTypes::RT_hasConceptMod, DSRTypes::VT_Code, kLanguage);
    tree.getCurrentContentItem().setCodeValue(DSRCodedEntryValue("zh-CN", "RFC5646", "Chinese (China)"));
    tree.addContentItem(DSRTypes::RT_hasObsContext, DSRTypes::VT_Code, kObserverType);
    tree.getCurrentContentItem().setCodeValue(kPerson);
    tree.addContentItem(DSRTypes::RT_hasObsContext, DSRTypes::VT_PName, kObserverName);
    check(tree.getCurrentContentItem().setStringValue(content.author.name.c_str(), OFFalse), "observer");
    if (!content.author.organization.empty()) {
        tree.addContentItem(DSRTypes::RT_hasObsContext, DSRTypes::VT_Text, kObserverOrg);
        tree.getCurrentContentItem().setStringValue(content.author.organization.c_str(), OFFalse);
    }

    // Findings.
    tree.addContentItem(DSRTypes::RT_contains, DSRTypes::VT_Container, kFindings);
    addText(tree, DSRTypes::AM_belowCurrent, kFinding, content.findings);
    tree.goUp();
    // Impressions.
    tree.addContentItem(DSRTypes::RT_contains, DSRTypes::VT_Container, kImpressions);
    addText(tree, DSRTypes::AM_belowCurrent, kImpression, content.impression);
    if (content.critical_finding) {
        tree.addContentItem(DSRTypes::RT_contains, DSRTypes::VT_Code, kCritical);
        tree.getCurrentContentItem().setCodeValue(kYes);
    }
    tree.goUp();
    if (!content.recommendations.empty()) {
        tree.addContentItem(DSRTypes::RT_contains, DSRTypes::VT_Container, kRecommendations);
        addText(tree, DSRTypes::AM_belowCurrent, kRecommendation, content.recommendations);
        tree.goUp();
    }
    if (!content.addendum.empty()) {
        if (!content.predecessor) throw DicomError("SR: an addendum must name the report it corrects");
        addText(tree, DSRTypes::AM_afterCurrent, kAddendum, content.addendum);
    }
    if (content.predecessor) {
        const auto& p = *content.predecessor;
        if (!isValidUid(p.series_uid) || !isValidUid(p.sop_class_uid) || !isValidUid(p.sop_instance_uid))
            throw DicomError("SR: invalid predecessor document UIDs");
        check(doc.getPredecessorDocuments().addItem(study.study_uid.c_str(), p.series_uid.c_str(),
                                                    p.sop_class_uid.c_str(), p.sop_instance_uid.c_str(), OFFalse),
              "predecessor");
    }

    for (const auto& ref : referenced) {
        if (ref.sop_class_uid.empty() || ref.sop_instance_uid.empty()) continue;
        doc.getCurrentRequestedProcedureEvidence().addItem(
            study.study_uid.c_str(), ref.series_uid.c_str(), ref.sop_class_uid.c_str(),
            ref.sop_instance_uid.c_str(), OFFalse);
    }
    check(doc.completeDocument(), "complete");
    if (content.preliminary && content.verifier) throw DicomError("SR: a preliminary report has no verifier yet");
    if (!content.preliminary) {
        const ReportAuthor& v = content.verifier ? *content.verifier : content.author;
        if (v.name.empty()) throw DicomError("SR: the verifying observer needs a name");
        check(doc.verifyDocument(v.name.c_str(), v.organization.empty() ? "CountyRead" : v.organization.c_str(), "",
                                 OFFalse),
              "verify");
    }

    DcmFileFormat ff;
    check(doc.write(*ff.getDataset()), "write");
    DcmDataset& ds = *ff.getDataset();
    // Study-level attributes the document class does not expose.
    if (!study.study_date.empty()) ds.putAndInsertString(DCM_StudyDate, study.study_date.c_str());
    if (!study.study_time.empty()) ds.putAndInsertString(DCM_StudyTime, study.study_time.c_str());
    if (!study.institution_name.empty())
        ds.putAndInsertString(DCM_InstitutionName, study.institution_name.c_str());
    return detail::saveToBytes(ff, EXS_LittleEndianExplicit);
}

ParsedReport parseReportSr(const Bytes& part10) {
    DcmFileFormat ff;
    detail::loadFromBytes(ff, part10);
    DcmDataset& ds = *ff.getDataset();
    ParsedReport r;
    r.study_uid = detail::getString(ds, DCM_StudyInstanceUID);
    r.sop_instance_uid = detail::getString(ds, DCM_SOPInstanceUID);
    r.completion_flag = detail::getString(ds, DCM_CompletionFlag);
    r.verification_flag = detail::getString(ds, DCM_VerificationFlag);
    DSRDocument doc;
    check(doc.read(ds), "read");
    OFString name;
    doc.getPatientName(name);
    r.patient_name = name.c_str();
    if (doc.getNumberOfVerifyingObservers() > 0) {
        OFString when, who, org;
        if (doc.getVerifyingObserver(doc.getNumberOfVerifyingObservers(), when, who, org).good())
            r.verifier_name = who.c_str();
    }
    auto& predecessors = doc.getPredecessorDocuments();
    if (predecessors.gotoFirstItem().good()) {
        OFString uid;
        predecessors.getSOPInstanceUID(uid);
        r.predecessor_sop_uid = uid.c_str();
    }
    auto& tree = doc.getTree();
    if (tree.gotoRoot() > 0) {
        do {
            auto& item = tree.getCurrentContentItem();
            const auto& code = item.getConceptName();
            if (code == kFinding) r.findings = item.getStringValue().c_str();
            else if (code == kImpression) r.impression = item.getStringValue().c_str();
            else if (code == kObserverName && r.observer_name.empty())
                r.observer_name = item.getStringValue().c_str();
            else if (code == kCritical) r.critical_finding = true;
            else if (code == kRecommendation) r.recommendations = item.getStringValue().c_str();
            else if (code == kAddendum) r.addendum = item.getStringValue().c_str();
        } while (tree.iterate());
    }
    return r;
}

}  // namespace countyread::dicom
