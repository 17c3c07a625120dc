using SatDownload.Iceye.Models;

namespace SatDownload.Iceye.Assets;

/// <summary>
/// The products of a task, every cursor page followed, or a typed "not ready yet" when ICEYE answers 404 (before the
/// task is FULFILLED, or for a product type that is not produced yet).
/// </summary>
public sealed class IceyeProductListing
{
    /// <summary>Creates a listing.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="productType">The product type asked for, or null for all.</param>
    /// <param name="isReady">Whether ICEYE listed products.</param>
    /// <param name="products">The products.</param>
    /// <param name="retrievedAt">When the listing was read (signed URLs expire one hour later).</param>
    /// <param name="notReadyReason">ICEYE's message when not ready.</param>
    public IceyeProductListing(string taskId, IceyeProductType? productType, bool isReady, IReadOnlyList<IceyeProduct> products, DateTimeOffset retrievedAt, string? notReadyReason = null)
    {
        TaskId = taskId;
        ProductType = productType;
        IsReady = isReady;
        Products = products ?? Array.Empty<IceyeProduct>();
        RetrievedAt = retrievedAt;
        NotReadyReason = notReadyReason;
    }

    /// <summary>The task id.</summary>
    public string TaskId { get; }

    /// <summary>The product type asked for, or null for all.</summary>
    public IceyeProductType? ProductType { get; }

    /// <summary>Whether ICEYE listed products; false when it answered 404 (not FULFILLED yet, or no such type).</summary>
    public bool IsReady { get; }

    /// <summary>The products, empty when not ready.</summary>
    public IReadOnlyList<IceyeProduct> Products { get; }

    /// <summary>When the listing was read; its signed URLs expire one hour later.</summary>
    public DateTimeOffset RetrievedAt { get; }

    /// <summary>ICEYE's explanation when not ready.</summary>
    public string? NotReadyReason { get; }

    /// <inheritdoc />
    public override string ToString() => IsReady
        ? $"ICEYE task '{TaskId}': {Products.Count} product(s)"
        : $"ICEYE task '{TaskId}': products not ready yet{(NotReadyReason is null ? string.Empty : " (" + NotReadyReason + ")")}";
}
