#pragma once
// A series as the series strip shows it: its thumbnail and what to write under it.
#include <string>

#include "viewer/core/GreyImage.h"

namespace countyread::viewer {

struct SeriesThumbnail {
    std::string series_uid;
    int series_number = 0;
    std::string description;
    std::string modality;
    int instances = 0;  // instances listed for the series
    GreyImage image;
};

}  // namespace countyread::viewer
