#include "dicom/sr/KeyObjectSelection.h"

#include <dcmtk/dcmdata/dctk.h>
#include <dcmtk/dcmsr/dsrdoc.h>

#include <map>

#include "dicom/model/DatasetAccess.h"
#include "dicom/model/Uid.h"

namespace countyread::dicom {

namespace {

const DSRCodedEntryValue kOfInterest("113000", "DCM", "Of Interest");
const DSRCodedEntryValue kDescription("113012", "DCM", "Key Object Description");
const DSRCodedEntryValue kObserverType("121005", "DCM", "Observer Type");
const DSRCodedEntryValue kPerson("121006", "DCM", "Person");
const DSRCodedEntryValue kObserverName("121008", "DCM", "Person Observer Name");

void check(OFCondition cond, const char* what) {
    if (cond.bad()) throw DicomError(std::string("KOS: ") + what + ": " + cond.text());
}

}  // namespace

Bytes buildKeyObjectSelection(const KeyObjectSelection& kos) {
    if (kos.images.empty()) throw DicomError("KOS: select at least one image");
    if (!isValidUid(kos.study.study_uid)) throw DicomError("KOS: invalid Study Instance UID");
    for (const auto& i : kos.images)
        if (!isValidUid(i.sop_class_uid) || !isValidUid(i.sop_instance_uid) || !isValidUid(i.series_uid))
            throw DicomError("KOS: invalid UID in the selected images");

    DSRDocument doc(DSRTypes::DT_KeyObjectSelectionDocument);
    check(doc.setSpecificCharacterSetType(DSRTypes::CS_UTF8), "charset");
    check(doc.createNewSeriesInStudy(kos.study.study_uid.c_str()), "study");
    doc.setPatientName(kos.study.patient_name.c_str(), OFFalse);
    doc.setPatientID(kos.study.patient_id.c_str(), OFFalse);
    doc.setPatientBirthDate(kos.study.patient_birth_date.c_str(), OFFalse);
    doc.setPatientSex(kos.study.patient_sex.c_str(), OFFalse);
    doc.setReferringPhysicianName(kos.study.referring_physician.c_str(), OFFalse);
    doc.setStudyDescription(kos.study.study_description.c_str(), OFFalse);
    doc.setAccessionNumber(kos.study.accession_number.c_str(), OFFalse);
    doc.setSeriesDescription("关键图像 Key images", OFFalse);
    doc.setManufacturer("CountyRead", OFFalse);
    if (!kos.sop_instance_uid.empty()) {
        // createNewSeriesInStudy made a fresh instance UID; keep the caller's instead.
        if (!isValidUid(kos.sop_instance_uid)) throw DicomError("KOS: invalid SOP Instance UID");
    }

    auto& tree = doc.getTree();
    if (!tree.addContentItem(DSRTypes::RT_isRoot, DSRTypes::VT_Container))
        throw DicomError("KOS: cannot add the root");
    check(tree.getCurrentContentItem().setConceptName(kOfInterest), "title");
    check(tree.setTemplateIdentification("2010", "DCMR"), "template");
    bool below = true;
    auto add = [&](DSRTypes::E_RelationshipType rel, DSRTypes::E_ValueType type) {
        if (!tree.addContentItem(rel, type, below ? DSRTypes::AM_belowCurrent : DSRTypes::AM_afterCurrent))
            throw DicomError("KOS: cannot add a content item");
        below = false;
    };
    if (!kos.observer.empty()) {
        add(DSRTypes::RT_hasObsContext, DSRTypes::VT_Code);
        check(tree.getCurrentContentItem().setConceptName(kObserverType), "observer type");
        check(tree.getCurrentContentItem().setCodeValue(kPerson), "observer type");
        add(DSRTypes::RT_hasObsContext, DSRTypes::VT_PName);
        check(tree.getCurrentContentItem().setConceptName(kObserverName), "observer");
        check(tree.getCurrentContentItem().setStringValue(kos.observer.c_str(), OFFalse), "observer");
    }
    if (!kos.description.empty()) {
        add(DSRTypes::RT_contains, DSRTypes::VT_Text);
        check(tree.getCurrentContentItem().setConceptName(kDescription), "description");
        check(tree.getCurrentContentItem().setStringValue(kos.description.c_str(), OFFalse), "description");
    }
    for (const auto& i : kos.images) {
        add(DSRTypes::RT_contains, DSRTypes::VT_Image);
        DSRImageReferenceValue ref(i.sop_class_uid.c_str(), i.sop_instance_uid.c_str(), OFFalse);
        if (i.frame > 0) ref.getFrameList().addItem(static_cast<Sint32>(i.frame));
        check(tree.getCurrentContentItem().setImageReference(ref, OFFalse), "image");
        doc.getCurrentRequestedProcedureEvidence().addItem(kos.study.study_uid.c_str(), i.series_uid.c_str(),
                                                           i.sop_class_uid.c_str(), i.sop_instance_uid.c_str(),
                                                           OFFalse);
    }

    DcmFileFormat ff;
    check(doc.write(*ff.getDataset()), "write");
    DcmDataset& ds = *ff.getDataset();
    if (!kos.sop_instance_uid.empty()) {
        ds.putAndInsertString(DCM_SOPInstanceUID, kos.sop_instance_uid.c_str());
        ff.getMetaInfo()->putAndInsertString(DCM_MediaStorageSOPInstanceUID, kos.sop_instance_uid.c_str());
    }
    if (!kos.study.study_date.empty()) ds.putAndInsertString(DCM_StudyDate, kos.study.study_date.c_str());
    if (!kos.study.study_time.empty()) ds.putAndInsertString(DCM_StudyTime, kos.study.study_time.c_str());
    return detail::saveToBytes(ff, EXS_LittleEndianExplicit);
}

KeyObjectSelection parseKeyObjectSelection(const Bytes& part10) {
    DcmFileFormat ff;
    detail::loadFromBytes(ff, part10);
    DcmDataset& ds = *ff.getDataset();
    if (detail::getString(ds, DCM_SOPClassUID) != kKeyObjectSelectionSopClass)
        throw DicomError("not a Key Object Selection document");
    KeyObjectSelection kos;
    kos.study = detail::extractInfo(ds, "");
    kos.sop_instance_uid = detail::getString(ds, DCM_SOPInstanceUID);
    DSRDocument doc;
    check(doc.read(ds), "read");
    // The series of each instance, from the evidence sequence.
    std::map<std::string, std::string> series_of;
    auto& evidence = doc.getCurrentRequestedProcedureEvidence();
    if (evidence.gotoFirstItem().good()) {
        do {
            OFString series, sop_class, sop;
            evidence.getSeriesInstanceUID(series);
            evidence.getSOPClassUID(sop_class);
            evidence.getSOPInstanceUID(sop);
            series_of[sop.c_str()] = series.c_str();
        } while (evidence.gotoNextItem().good());
    }
    auto& tree = doc.getTree();
    if (tree.gotoRoot() > 0) {
        do {
            auto& item = tree.getCurrentContentItem();
            if (item.getValueType() == DSRTypes::VT_Image) {
                const auto& ref = item.getImageReference();
                KeyImageRef k;
                k.sop_class_uid = ref.getSOPClassUID().c_str();
                k.sop_instance_uid = ref.getSOPInstanceUID().c_str();
                k.series_uid = series_of[k.sop_instance_uid];
                Sint32 frame = 0;
                if (!ref.getFrameList().isEmpty() && ref.getFrameList().getItem(1, frame).good()) k.frame = frame;
                kos.images.push_back(k);
            } else if (item.getConceptName() == kDescription) {
                kos.description = item.getStringValue().c_str();
            } else if (item.getConceptName() == kObserverName) {
                kos.observer = item.getStringValue().c_str();
            }
        } while (tree.iterate());
    }
    return kos;
}

}  // namespace countyread::dicom
