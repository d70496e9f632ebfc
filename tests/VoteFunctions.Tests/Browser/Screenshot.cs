using StbImageSharp;

namespace VoteFunctions.Tests.Browser;

/// <summary>A screenshot's pixels, to find what a person would see: how much of a colour, in how many separate marks.</summary>
public sealed class Screenshot
{
    private readonly byte[] rgba;

    public int Width { get; }
    public int Height { get; }

    private Screenshot(int width, int height, byte[] rgba) => (Width, Height, this.rgba) = (width, height, rgba);

    public static Screenshot FromPng(string path)
    {
        using var file = File.OpenRead(path);
        var image = ImageResult.FromStream(file, ColorComponents.RedGreenBlueAlpha);
        return new Screenshot(image.Width, image.Height, image.Data);
    }

    /// <summary>A colour as #rrggbb.</summary>
    public string ColourAt(int x, int y)
    {
        var i = 4 * (y * Width + x);
        return $"#{rgba[i]:x2}{rgba[i + 1]:x2}{rgba[i + 2]:x2}";
    }

    /// <summary>Whether the pixel is within <paramref name="tolerance"/> of the colour on each channel (anti-aliased edges are not).</summary>
    public bool IsColour(int x, int y, string colour, int tolerance = 16)
    {
        var i = 4 * (y * Width + x);
        var target = Convert.FromHexString(colour.TrimStart('#'));
        return Math.Abs(rgba[i] - target[0]) <= tolerance && Math.Abs(rgba[i + 1] - target[1]) <= tolerance && Math.Abs(rgba[i + 2] - target[2]) <= tolerance;
    }

    public int CountPixels(string colour) => Pixels().Count(p => IsColour(p.X, p.Y, colour));

    /// <summary>The separate marks of a colour: groups of touching pixels (up, down, left, right) of at least <paramref name="minimumPixels"/>.</summary>
    public IReadOnlyList<int> Marks(string colour, int minimumPixels = 10)
    {
        var seen = new bool[Width * Height];
        var sizes = new List<int>();
        foreach (var (x, y) in Pixels())
        {
            if (seen[y * Width + x] || !IsColour(x, y, colour)) continue;
            var size = 0;
            var pending = new Stack<(int X, int Y)>([(x, y)]);
            seen[y * Width + x] = true;
            while (pending.TryPop(out var p))
            {
                size++;
                foreach (var (nx, ny) in new[] { (p.X + 1, p.Y), (p.X - 1, p.Y), (p.X, p.Y + 1), (p.X, p.Y - 1) })
                {
                    if (nx < 0 || ny < 0 || nx >= Width || ny >= Height || seen[ny * Width + nx] || !IsColour(nx, ny, colour)) continue;
                    seen[ny * Width + nx] = true;
                    pending.Push((nx, ny));
                }
            }
            if (size >= minimumPixels) sizes.Add(size);
        }
        return sizes;
    }

    public (string Colour, double Share) MostCommonColour()
    {
        var top = Pixels().GroupBy(p => ColourAt(p.X, p.Y)).MaxBy(g => g.Count())!;
        return (top.Key, top.Count() / (double)(Width * Height));
    }

    public int DistinctColours() => Pixels().Select(p => ColourAt(p.X, p.Y)).Distinct().Count();

    private IEnumerable<(int X, int Y)> Pixels()
    {
        for (var y = 0; y < Height; y++)
            for (var x = 0; x < Width; x++)
                yield return (x, y);
    }
}
