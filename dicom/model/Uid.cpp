#include "dicom/model/Uid.h"

#include <dcmtk/dcmdata/dcuid.h>

namespace countyread::dicom {

bool isValidUid(const std::string& uid) {
    if (uid.empty() || uid.size() > 64) return false;
    size_t start = 0;
    while (true) {
        size_t dot = uid.find('.', start);
        std::string part = uid.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (part.empty()) return false;
        for (char c : part)
            if (c < '0' || c > '9') return false;
        if (part.size() > 1 && part[0] == '0') return false;
        if (dot == std::string::npos) return true;
        start = dot + 1;
    }
}

std::string newUid() {
    char buf[100];
    dcmGenerateUniqueIdentifier(buf, SITE_INSTANCE_UID_ROOT);
    return buf;
}

}  // namespace countyread::dicom
