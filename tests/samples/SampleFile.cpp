#include "SampleFile.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcmetinf.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace countyread::samples::test {

SampleFile::SampleFile(const std::filesystem::path& path)
    : file_(std::make_unique<DcmFileFormat>()) {
    OFCondition status = file_->loadFile(path.c_str());
    if (status.bad())
        throw std::runtime_error("cannot read " + path.string() + ": " + status.text());
    DcmDataset& ds = *file_->getDataset();
    Uint16 rows = 0, columns = 0;
    ds.findAndGetUint16(DCM_Rows, rows);
    ds.findAndGetUint16(DCM_Columns, columns);
    rows_ = rows;
    columns_ = columns;
    unsigned long count = 0;
    if (ds.findAndGetUint16Array(DCM_PixelData, pixels_, &count).bad() ||
        count != static_cast<unsigned long>(rows_) * columns_) {
        throw std::runtime_error("no usable pixel data in " + path.string());
    }
    ds.findAndGetFloat64(DCM_RescaleSlope, slope_);
    ds.findAndGetFloat64(DCM_RescaleIntercept, intercept_);
}

std::string SampleFile::raw(const DcmTagKey& tag) const {
    OFString value;
    file_->getDataset()->findAndGetOFStringArray(tag, value);
    return std::string(value.c_str(), value.length());
}

std::string SampleFile::meta(const DcmTagKey& tag) const {
    OFString value;
    file_->getMetaInfo()->findAndGetOFStringArray(tag, value);
    return std::string(value.c_str(), value.length());
}

std::string SampleFile::utf8(const DcmTagKey& tag) const {
    DcmDataset copy(*file_->getDataset());
    OFCondition status = copy.convertToUTF8();
    if (status.bad())
        throw std::runtime_error(std::string("convertToUTF8 failed: ") + status.text());
    OFString value;
    copy.findAndGetOFStringArray(tag, value);
    return std::string(value.c_str(), value.length());
}

double SampleFile::number(const DcmTagKey& tag, unsigned long pos) const {
    DcmDataset& ds = *file_->getDataset();
    Uint16 us = 0;
    if (DcmTag(tag).getEVR() == EVR_US) {
        return ds.findAndGetUint16(tag, us, pos).good() ? us
                                                        : std::numeric_limits<double>::quiet_NaN();
    }
    OFString text;  // DS and IS: parse the string value
    if (ds.findAndGetOFString(tag, text, pos).bad() || text.empty()) {
        return std::numeric_limits<double>::quiet_NaN();
    }
    return std::stod(text.c_str());
}

unsigned SampleFile::stored(int col, int row) const {
    col = std::clamp(col, 0, columns_ - 1);
    row = std::clamp(row, 0, rows_ - 1);
    return pixels_[static_cast<size_t>(row) * columns_ + col];
}

double SampleFile::value(int col, int row) const { return slope_ * stored(col, row) + intercept_; }

double SampleFile::mean(int col, int row, int half) const {
    double sum = 0;
    int n = 0;
    for (int r = row - half; r <= row + half; ++r) {
        for (int c = col - half; c <= col + half; ++c, ++n) sum += value(c, r);
    }
    return sum / n;
}

unsigned SampleFile::maxStored() const {
    return *std::max_element(pixels_, pixels_ + static_cast<size_t>(rows_) * columns_);
}

}  // namespace countyread::samples::test
