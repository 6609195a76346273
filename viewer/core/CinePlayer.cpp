#include "viewer/core/CinePlayer.h"

#include <algorithm>
#include <cmath>

namespace countyread::viewer {

void CinePlayer::setFramesPerSecond(double fps) { fps_ = std::clamp(fps, 1.0, 60.0); }

int CinePlayer::advance(double elapsed_ms, int first, int last) {
    if (last < first) return first;
    position_ = std::clamp(position_, first, last);
    if (!playing_ || last == first) return position_;
    carry_ms_ += std::max(elapsed_ms, 0.0);
    const double frame_ms = 1000.0 / fps_;
    const int steps = static_cast<int>(std::floor(carry_ms_ / frame_ms));
    carry_ms_ -= steps * frame_ms;
    const int count = last - first + 1;
    if (mode_ == Mode::Loop) {
        position_ = first + ((position_ - first + steps) % count);
        return position_;
    }
    // Bounce: a period of 2 * (count - 1) steps.
    const int period = 2 * (count - 1);
    int phase = direction_ > 0 ? position_ - first : period - (position_ - first);
    phase = (phase + steps) % period;
    if (phase < count) {
        position_ = first + phase;
        direction_ = phase == count - 1 ? -1 : 1;
    } else {
        position_ = first + (period - phase);
        direction_ = -1;
    }
    return position_;
}

}  // namespace countyread::viewer
