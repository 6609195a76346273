#pragma once
// Cine: plays the slices of a series at a frame rate, looping (or bouncing back and forth).
// Time-driven: advance(elapsed) tells how far to move, so a slow frame does not slow the
// playback down (slices are skipped instead). Pure; the UI drives it from a timer.
namespace countyread::viewer {

class CinePlayer {
public:
    enum class Mode { Loop, Bounce };

    void setFramesPerSecond(double fps);
    double framesPerSecond() const { return fps_; }
    void setMode(Mode mode) { mode_ = mode; }
    Mode mode() const { return mode_; }

    void start(int index) {
        playing_ = true;
        position_ = index;
        carry_ms_ = 0;
        direction_ = 1;
    }
    void stop() { playing_ = false; }
    bool playing() const { return playing_; }

    // After `elapsed_ms` of playback, the slice to show among `first`..`last` (a series).
    int advance(double elapsed_ms, int first, int last);

private:
    double fps_ = 10.0;
    Mode mode_ = Mode::Loop;
    bool playing_ = false;
    int position_ = 0;
    int direction_ = 1;
    double carry_ms_ = 0;
};

}  // namespace countyread::viewer
