//VTK::System::Dec
// countyread-viewer: the image quad. Vertices are in world coordinates (mm, z = 0), the
// camera's world -> device matrix places them, so zoom / pan / rotate / flip are camera changes
// and never touch the texture.
in vec4 vertexMC;
in vec2 tcoordMC;
uniform mat4 WCDCMatrix;
out vec2 tcoordVC;

void main()
{
  tcoordVC = tcoordMC;
  gl_Position = WCDCMatrix * vertexMC;
}
