namespace SatDownload.Capella;

/// <summary>The error codes Capella puts in <c>error.code</c> (from the official SDK's exception table).</summary>
public static class CapellaErrorCodes
{
    /// <summary>The bearer token is invalid or expired.</summary>
    public const string InvalidToken = "INVALID_TOKEN";

    /// <summary>The API key is invalid or revoked.</summary>
    public const string InvalidApiKey = "INVALID_API_KEY";

    /// <summary>The order's download window has passed: place a new order.</summary>
    public const string OrderExpired = "ORDER_EXPIRED";

    /// <summary>The user has no access to the collection.</summary>
    public const string CollectionAccessDenied = "COLLECTION_ACCESS_DENIED";

    /// <summary>The user may not perform the call.</summary>
    public const string NotAuthorized = "NOT_AUTHORIZED";

    /// <summary>The order body was rejected.</summary>
    public const string OrderValidationError = "ORDER_VALIDATION_ERROR";

    /// <summary>The contract id is unknown.</summary>
    public const string ContractNotFound = "CONTRACT_NOT_FOUND";

    /// <summary>A request field was rejected; <c>detail[]</c> says which.</summary>
    public const string ValidationError = "VALIDATION_ERROR";

    /// <summary>Any other failure (the SDK's default).</summary>
    public const string GeneralApiError = "GENERAL_API_ERROR";
}
