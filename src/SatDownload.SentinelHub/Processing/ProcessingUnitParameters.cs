namespace SatDownload.SentinelHub;

/// <summary>The inputs of the documented PU formula: PU = area × bands × format × samples × extras, with a minimum per API.</summary>
public sealed record ProcessingUnitParameters
{
    /// <summary>Output width in pixels.</summary>
    public required long Width { get; init; }

    /// <summary>Output height in pixels.</summary>
    public required long Height { get; init; }

    /// <summary>Requested input bands (<c>dataMask</c> is free unless it is the only band).</summary>
    public int InputBands { get; init; } = 3;

    /// <summary>32-bit float TIFF output (factor 2).</summary>
    public bool Float32Output { get; init; }

    /// <summary><c>application/octet-stream</c> output (factor 1.4).</summary>
    public bool OctetStreamOutput { get; init; }

    /// <summary>Data samples per pixel (scenes with ORBIT/TILE mosaicking; 1 for SIMPLE).</summary>
    public int Samples { get; init; } = 1;

    /// <summary>Sentinel-1 orthorectification (×2).</summary>
    public bool Orthorectify { get; init; }

    /// <summary>Sentinel-1 radiometric terrain correction (×2.5, instead of the orthorectification factor).</summary>
    public bool RadiometricTerrainCorrection { get; init; }

    /// <summary>Sentinel-1 speckle filter (×2).</summary>
    public bool SpeckleFilter { get; init; }

    /// <summary>Collections on this deployment (data fusion counts each once).</summary>
    public int LocalCollections { get; init; } = 1;

    /// <summary>Collections on another deployment (data fusion counts each twice).</summary>
    public int RemoteCollections { get; init; }

    /// <summary>Which API; sets minimum and discount.</summary>
    public SentinelHubApi Api { get; init; } = SentinelHubApi.Process;
}
