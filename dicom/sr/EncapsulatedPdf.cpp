#include "dicom/sr/EncapsulatedPdf.h"

#include <dcmtk/dcmdata/dctk.h>

#include "dicom/model/DatasetAccess.h"
#include "dicom/model/Uid.h"

namespace countyread::dicom {

using detail::putString;

Bytes buildEncapsulatedPdf(const EncapsulatedPdfSpec& spec, const Bytes& pdf) {
    if (pdf.size() < 5 || std::string(pdf.begin(), pdf.begin() + 5) != "%PDF-")
        throw DicomError("the document to encapsulate is not a PDF");
    if (!isValidUid(spec.study.study_uid)) throw DicomError("invalid Study Instance UID");
    if (!spec.source_sop_instance_uid.empty() &&
        (!isValidUid(spec.source_sop_instance_uid) || !isValidUid(spec.source_sop_class_uid)))
        throw DicomError("invalid source instance UIDs");

    DcmFileFormat ff;
    DcmDataset& ds = *ff.getDataset();
    OFDateTime now = OFDateTime::getCurrentDateTime();
    OFString date, time;
    now.getDate().getISOFormattedDate(date, false);
    now.getTime().getISOFormattedTime(time, true, false, false, false);

    // SOP Common.
    putString(ds, DCM_SpecificCharacterSet, "ISO_IR 192");
    putString(ds, DCM_SOPClassUID, kEncapsulatedPdfSopClass);
    putString(ds, DCM_SOPInstanceUID, spec.sop_instance_uid.empty() ? newUid() : spec.sop_instance_uid);
    // Patient and General Study, copied from the study.
    detail::putPatientAndStudy(ds, spec.study);
    putString(ds, DCM_StudyDescription, spec.study.study_description);
    // Encapsulated Document Series, General Equipment, SC Equipment.
    putString(ds, DCM_Modality, "DOC");
    putString(ds, DCM_SeriesInstanceUID, spec.series_uid.empty() ? newUid() : spec.series_uid);
    putString(ds, DCM_SeriesNumber, std::to_string(spec.series_number));
    putString(ds, DCM_SeriesDescription, "诊断报告 PDF");
    putString(ds, DCM_Manufacturer, "CountyRead");
    if (!spec.study.institution_name.empty()) putString(ds, DCM_InstitutionName, spec.study.institution_name);
    putString(ds, DCM_ConversionType, "WSD");
    // Encapsulated Document.
    putString(ds, DCM_InstanceNumber, std::to_string(spec.instance_number));
    putString(ds, DCM_ContentDate, date.c_str());
    putString(ds, DCM_ContentTime, time.c_str());
    putString(ds, DCM_AcquisitionDateTime, std::string(date.c_str()) + time.c_str());
    putString(ds, DCM_BurnedInAnnotation, "YES");  // the PDF shows the patient's name
    putString(ds, DCM_DocumentTitle, spec.document_title);
    if (ds.insertEmptyElement(DCM_ConceptNameCodeSequence).bad())
        throw DicomError("cannot add Concept Name Code Sequence");
    if (!spec.source_sop_instance_uid.empty()) {
        DcmItem* src = nullptr;
        if (ds.findOrCreateSequenceItem(DCM_SourceInstanceSequence, src, -2).bad() || !src)
            throw DicomError("cannot add Source Instance Sequence");
        putString(*src, DCM_ReferencedSOPClassUID, spec.source_sop_class_uid);
        putString(*src, DCM_ReferencedSOPInstanceUID, spec.source_sop_instance_uid);
    }
    putString(ds, DCM_MIMETypeOfEncapsulatedDocument, "application/pdf");
    // OB values have even length: one trailing NUL pads an odd-sized PDF; the real length is
    // recorded in Encapsulated Document Length.
    Bytes padded = pdf;
    if (padded.size() % 2) padded.push_back(0);
    if (ds.putAndInsertUint8Array(DCM_EncapsulatedDocument, padded.data(),
                                  static_cast<unsigned long>(padded.size())).bad())
        throw DicomError("cannot add the encapsulated document");
    if (ds.putAndInsertUint32(DCM_EncapsulatedDocumentLength, static_cast<Uint32>(pdf.size())).bad())
        throw DicomError("cannot add Encapsulated Document Length");
    return detail::saveToBytes(ff, EXS_LittleEndianExplicit);
}

Bytes extractEncapsulatedPdf(const Bytes& part10) {
    DcmFileFormat ff;
    detail::loadFromBytes(ff, part10);
    DcmDataset& ds = *ff.getDataset();
    if (detail::getString(ds, DCM_SOPClassUID) != kEncapsulatedPdfSopClass)
        throw DicomError("not an Encapsulated PDF object");
    const Uint8* data = nullptr;
    unsigned long count = 0;
    if (ds.findAndGetUint8Array(DCM_EncapsulatedDocument, data, &count).bad() || !data)
        throw DicomError("the object has no encapsulated document");
    Uint32 length = 0;
    if (ds.findAndGetUint32(DCM_EncapsulatedDocumentLength, length).good() && length <= count)
        count = length;
    else if (count > 0 && data[count - 1] == 0)
        --count;  // older objects: drop the padding byte
    return Bytes(data, data + count);
}

}  // namespace countyread::dicom
