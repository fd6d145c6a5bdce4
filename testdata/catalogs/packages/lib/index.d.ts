export declare const libValue: string;
