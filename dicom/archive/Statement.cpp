#include "dicom/archive/Statement.h"

namespace countyread::dicom {

Statement& Statement::bind(int index, const SqlValue& value) {
    impl_->bind(index, value);
    return *this;
}

Statement& Statement::bindAll(const std::vector<SqlValue>& values) {
    for (size_t i = 0; i < values.size(); ++i) impl_->bind(static_cast<int>(i + 1), values[i]);
    return *this;
}

}  // namespace countyread::dicom
