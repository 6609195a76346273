//VTK::System::Dec
//VTK::Output::Dec
// countyread-viewer: window/level (VOI), lookup table and inversion of a 16-bit image.
// The stored pixel values sit in a single-channel 16-bit normalised texture (uploaded once per
// image); everything the radiologist changes while reading is a uniform, so dragging the
// window never re-uploads pixels.
in vec2 tcoordVC;

uniform sampler2D imageTexture;  // R16: (stored value - storedOffset) / 65535
uniform sampler2D lutTexture;    // lutSize x 1 RGBA: the display colour of each window step
uniform float storedOffset;      // -32768 for signed (two's complement) data, else 0
uniform float windowLower;       // stored value shown as the first table entry
uniform float windowWidth;       // stored units, > 0
uniform float lutSize;
uniform int invert;              // 1: MONOCHROME1 or the user's invert (minimum shows white)

void main()
{
  float stored = texture(imageTexture, tcoordVC).r * 65535.0 + storedOffset;
  float t = clamp((stored - windowLower) / windowWidth, 0.0, 1.0);
  if (invert != 0)
  {
    t = 1.0 - t;
  }
  // Sample the table at texel centres: t = 0 -> first entry, t = 1 -> last entry.
  float u = (t * (lutSize - 1.0) + 0.5) / lutSize;
  gl_FragData[0] = vec4(texture(lutTexture, vec2(u, 0.5)).rgb, 1.0);
}
