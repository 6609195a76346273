#include "sender/DicomHeader.h"

#include <dcmtk/dcmdata/dctk.h>

#include "dicom/model/DicomFile.h"

namespace countyread::sender {

DicomHeader readDicomHeader(const std::filesystem::path& file) {
    DicomHeader h;
    try {
        auto info = dicom::readInstanceInfo(file);
        h.sop_uid = info.sop_instance_uid;
        h.sop_class = info.sop_class_uid;
        h.study_uid = info.study_uid;
        h.series_uid = info.series_uid;
        h.transfer_syntax = info.transfer_syntax_uid;
        h.patient_name = info.patient_name;
        h.patient_id = info.patient_id;
        h.modality = info.modality;
        h.study_description = info.study_description;
        h.study_date = info.study_date;
    } catch (const std::exception& e) {
        h.error = std::string("not a readable DICOM file: ") + e.what();
        return h;
    }
    if (h.transfer_syntax.empty()) {
        // No meta header: ask DCMTK which encoding it detected.
        DcmFileFormat ff;
        if (ff.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, 256, ERM_autoDetect).good())
            h.transfer_syntax = DcmXfer(ff.getDataset()->getOriginalXfer()).getXferID();
    }
    if (h.sop_uid.empty() || h.sop_class.empty())
        h.error = "no SOP Class/Instance UID";
    else if (h.study_uid.empty())
        h.error = "no Study Instance UID";
    else if (h.transfer_syntax.empty())
        h.error = "unknown transfer syntax";
    return h;
}

}  // namespace countyread::sender
