#pragma once
// One instance of a study as listed by GET /api/v1/studies/{uid}/instances.
#include <string>

namespace countyread::viewer {

struct InstanceRow {
    std::string sop_instance_uid;
    std::string sop_class_uid;
    std::string series_uid;
    int series_number = 0;
    std::string series_description;
    int instance_number = 0;
    std::string modality;
    int rows = 0;
    int columns = 0;
};

}  // namespace countyread::viewer
