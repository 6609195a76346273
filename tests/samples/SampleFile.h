#pragma once
// Reads one generated DICOM file for assertions: raw and decoded text, numbers, pixels.
#include <dcmtk/config/osconfig.h>
#include <dcmtk/dcmdata/dcfilefo.h>

#include <filesystem>
#include <memory>
#include <string>

namespace countyread::samples::test {

class SampleFile {
public:
    explicit SampleFile(const std::filesystem::path& path);  // throws std::runtime_error

    // The value exactly as stored (all values, backslash separated); "" when absent.
    std::string raw(const DcmTagKey& tag) const;
    std::string meta(const DcmTagKey& tag) const;
    // The value after DcmDataset::convertToUTF8 on a copy; throws if DCMTK cannot decode.
    std::string utf8(const DcmTagKey& tag) const;
    double number(const DcmTagKey& tag, unsigned long pos = 0) const;  // NaN when absent

    int rows() const { return rows_; }
    int columns() const { return columns_; }
    unsigned stored(int col, int row) const;
    // Modality value: RescaleSlope * stored + RescaleIntercept.
    double value(int col, int row) const;
    // Mean modality value over the (2 half + 1)^2 square around (col, row).
    double mean(int col, int row, int half) const;
    unsigned maxStored() const;

private:
    std::unique_ptr<DcmFileFormat> file_;
    const Uint16* pixels_ = nullptr;
    int rows_ = 0, columns_ = 0;
    double slope_ = 1, intercept_ = 0;
};

}  // namespace countyread::samples::test
