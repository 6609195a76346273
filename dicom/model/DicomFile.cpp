#include "dicom/model/DicomFile.h"

#include <fcntl.h>
#include <unistd.h>

#include <dcmtk/dcmdata/dcistrmb.h>
#include <dcmtk/dcmdata/dcostrmb.h>

#include <fstream>
#include <random>

#include "dicom/model/DatasetAccess.h"

namespace countyread::dicom {

namespace detail {

std::string getString(DcmItem& item, const DcmTagKey& tag) {
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).good()) {
        std::string s(value.c_str(), value.length());
        while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
        while (!s.empty() && s.front() == ' ') s.erase(s.begin());
        return s;
    }
    return {};
}

int getInt(DcmItem& item, const DcmTagKey& tag, int fallback) {
    auto s = getString(item, tag);
    if (s.empty()) return fallback;
    try {
        return std::stoi(s);
    } catch (...) {
        return fallback;
    }
}

InstanceInfo extractInfo(DcmDataset& ds, const std::string& transfer_syntax_uid) {
    InstanceInfo info;
    info.source_charset = getString(ds, DCM_SpecificCharacterSet);
    if (!info.source_charset.empty() && info.source_charset != "ISO_IR 192") {
        OFCondition cond = ds.convertToUTF8();
        if (cond.bad()) info.charset_error = cond.text();
    }
    info.patient_name = getString(ds, DCM_PatientName);
    info.patient_id = getString(ds, DCM_PatientID);
    info.patient_birth_date = getString(ds, DCM_PatientBirthDate);
    info.patient_sex = getString(ds, DCM_PatientSex);
    info.study_uid = getString(ds, DCM_StudyInstanceUID);
    info.study_date = getString(ds, DCM_StudyDate);
    info.study_time = getString(ds, DCM_StudyTime);
    info.study_description = getString(ds, DCM_StudyDescription);
    info.accession_number = getString(ds, DCM_AccessionNumber);
    info.institution_name = getString(ds, DCM_InstitutionName);
    info.referring_physician = getString(ds, DCM_ReferringPhysicianName);
    info.series_uid = getString(ds, DCM_SeriesInstanceUID);
    info.modality = getString(ds, DCM_Modality);
    info.body_part = getString(ds, DCM_BodyPartExamined);
    info.series_description = getString(ds, DCM_SeriesDescription);
    info.series_number = getInt(ds, DCM_SeriesNumber);
    info.sop_class_uid = getString(ds, DCM_SOPClassUID);
    info.sop_instance_uid = getString(ds, DCM_SOPInstanceUID);
    info.instance_number = getInt(ds, DCM_InstanceNumber);
    info.rows = getInt(ds, DCM_Rows);
    info.columns = getInt(ds, DCM_Columns);
    info.transfer_syntax_uid = transfer_syntax_uid;
    if (!info.charset_error.empty()) {
        // Undecodable text is kept in the file as received; the index gets a readable
        // ASCII rendering so nothing downstream sees invalid UTF-8.
        for (auto* s : {&info.patient_name, &info.study_description, &info.institution_name,
                        &info.referring_physician, &info.series_description})
            for (auto& c : *s)
                if (static_cast<unsigned char>(c) >= 0x80 || c == 0x1b) c = '?';
    }
    return info;
}

void loadFromBytes(DcmFileFormat& file, const Bytes& part10) {
    DcmInputBufferStream stream;
    stream.setBuffer(part10.data(), static_cast<offile_off_t>(part10.size()));
    stream.setEos();
    file.transferInit();
    OFCondition cond = file.read(stream, EXS_Unknown, EGL_noChange, DCM_MaxReadLength);
    file.transferEnd();
    if (cond.bad()) throw DicomError(std::string("cannot parse DICOM data: ") + cond.text());
}

void putString(DcmItem& item, const DcmTagKey& tag, const std::string& value) {
    OFCondition c = item.putAndInsertOFStringArray(tag, OFString(value.c_str(), value.size()));
    if (c.bad()) throw DicomError("cannot set " + std::string(DcmTag(tag).getTagName()) + ": " + c.text());
}

void putPatientAndStudy(DcmItem& item, const InstanceInfo& study) {
    putString(item, DCM_PatientName, study.patient_name);
    putString(item, DCM_PatientID, study.patient_id);
    putString(item, DCM_PatientBirthDate, study.patient_birth_date);
    putString(item, DCM_PatientSex, study.patient_sex);
    putString(item, DCM_StudyInstanceUID, study.study_uid);
    putString(item, DCM_StudyDate, study.study_date);
    putString(item, DCM_StudyTime, study.study_time);
    putString(item, DCM_ReferringPhysicianName, study.referring_physician);
    putString(item, DCM_StudyID, "");
    putString(item, DCM_AccessionNumber, study.accession_number);
}

Bytes saveToBytes(DcmFileFormat& file, E_TransferSyntax xfer) {
    // Compute length first so the buffer is exact.
    file.validateMetaInfo(xfer);
    Uint32 length = file.calcElementLength(xfer, EET_ExplicitLength) + 1024;
    Bytes out(length);
    DcmOutputBufferStream stream(out.data(), length);
    file.transferInit();
    OFCondition cond = file.write(stream, xfer, EET_ExplicitLength, nullptr);
    file.transferEnd();
    if (cond.bad()) throw DicomError(std::string("cannot encode DICOM data: ") + cond.text());
    void* buffer = nullptr;
    offile_off_t written = 0;
    stream.flushBuffer(buffer, written);
    out.resize(static_cast<size_t>(written));
    return out;
}

}  // namespace detail

InstanceInfo readInstanceInfo(const std::filesystem::path& file) {
    DcmFileFormat ff;
    OFCondition cond = ff.loadFile(file.c_str(), EXS_Unknown, EGL_noChange, 4096);
    if (cond.bad()) throw DicomError("cannot read " + file.string() + ": " + cond.text());
    OFString xfer;
    ff.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, xfer);
    return detail::extractInfo(*ff.getDataset(), xfer.c_str());
}

InstanceInfo readInstanceInfo(const Bytes& part10) {
    DcmFileFormat ff;
    detail::loadFromBytes(ff, part10);
    OFString xfer;
    ff.getMetaInfo()->findAndGetOFString(DCM_TransferSyntaxUID, xfer);
    return detail::extractInfo(*ff.getDataset(), xfer.c_str());
}

Bytes readFileBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw DicomError("cannot open " + file.string());
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

void writeFileBytes(const std::filesystem::path& file, const Bytes& data) {
    std::random_device rd;
    auto tmp = file;
    tmp += ".tmp" + std::to_string(rd());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) throw DicomError("cannot create " + tmp.string());
    size_t off = 0;
    while (off < data.size()) {
        ssize_t n = ::write(fd, data.data() + off, data.size() - off);
        if (n <= 0) {
            ::close(fd);
            ::unlink(tmp.c_str());
            throw DicomError("cannot write " + tmp.string());
        }
        off += static_cast<size_t>(n);
    }
    if (::fsync(fd) != 0) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw DicomError("cannot sync " + tmp.string());
    }
    ::close(fd);
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw DicomError("cannot rename to " + file.string());
    }
    int dfd = ::open(file.parent_path().empty() ? "." : file.parent_path().c_str(),
                     O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace countyread::dicom
