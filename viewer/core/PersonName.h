#pragma once
// Display form of a DICOM Person Name (PN) such as "Liu^Yang=刘^洋" or "王^小明".
#include <string>

namespace countyread::viewer {

class PersonName {
public:
    // Chinese UI: the ideographic group when present ("刘洋"), else the alphabetic one.
    // English UI: the alphabetic group when present ("Liu Yang"), else the ideographic one.
    // Components (family^given^middle^prefix^suffix) are joined without a space for
    // ideographic names and with one for alphabetic names; empty components are dropped.
    static std::string display(const std::string& dicom_pn, bool chinese);
};

}  // namespace countyread::viewer
